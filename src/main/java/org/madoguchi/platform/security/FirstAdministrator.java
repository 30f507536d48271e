package org.madoguchi.platform.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first run there is nobody to sign in as. An administrator {@code admin} is created with the
 * password from {@code MADOGUCHI_ADMIN_PASSWORD}, or a random one written to a file readable only by the
 * owner, so that the secret never reaches a log.
 */
@Component
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Accounts accounts;
    private final String configuredPassword;
    private final Path passwordFile;

    FirstAdministrator(Accounts accounts,
                       @Value("${madoguchi.admin.initial-password:}") String configuredPassword,
                       @Value("${madoguchi.admin.password-file:data/initial-admin-password.txt}") String passwordFile) {
        this.accounts = accounts;
        this.configuredPassword = configuredPassword;
        this.passwordFile = Path.of(passwordFile);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (accounts.anyAdministrator()) {
            return;
        }
        String password = configuredPassword;
        if (password == null || password.isBlank()) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path parent = passwordFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(passwordFile, password + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system; the file stays with the default permissions.
            }
            log.warn("Created the first administrator 'admin'; its password is in {}. Change it after signing in.",
                    passwordFile.toAbsolutePath());
        } else {
            log.info("Created the first administrator 'admin' with the configured initial password.");
        }
        var admin = accounts.createStaff("admin", "管理者", password, Actor.Role.ADMIN, Set.of());
        accounts.audit(null, "FIRST_ADMIN_CREATED", "staff " + admin.id() + " (admin)");
    }
}

package org.madoguchi.platform.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.KeyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first run there is nobody to sign in as. An administrator {@code admin} is created with the
 * password from {@code MADOGUCHI_ADMIN_PASSWORD}, or a random one written to a file readable only by the
 * owner, so that the secret never reaches a log. Either way it must be replaced at the first sign-in.
 */
@Component
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    static final String LOGIN = "admin";

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
            // Owner-only from its first byte; a file left by an earlier run is replaced.
            Files.deleteIfExists(passwordFile);
            KeyFiles.writeOwnerOnly(passwordFile, password);
            log.warn("Created the first administrator 'admin'; its password is in {}. It must be changed at the first "
                    + "sign-in, and the file is then deleted.", passwordFile.toAbsolutePath());
        } else {
            log.info("Created the first administrator 'admin' with the configured initial password.");
        }
        var admin = accounts.createStaff(LOGIN, "管理者", password, Actor.Role.ADMIN, Set.of(), true);
        accounts.audit(null, "FIRST_ADMIN_CREATED", "staff " + admin.id() + " (admin)");
    }

    /** Once the first administrator has chosen a password, the generated one is useless and its file goes. */
    void passwordChanged(String login) {
        if (!LOGIN.equals(login)) {
            return;
        }
        try {
            if (Files.deleteIfExists(passwordFile)) {
                log.info("Deleted {}: the first administrator has changed the password.", passwordFile.toAbsolutePath());
            }
        } catch (IOException e) {
            log.warn("Could not delete {}; delete it by hand.", passwordFile.toAbsolutePath());
        }
    }
}

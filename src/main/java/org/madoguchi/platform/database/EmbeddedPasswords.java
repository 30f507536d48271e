package org.madoguchi.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.madoguchi.platform.KeyFiles;

/**
 * The embedded server's two generated passwords, each in an owner-only file beside the data directory (not inside
 * it, so a file-level copy of the cluster does not carry them): {@code pg-superuser-password} for {@code postgres},
 * {@code pg-madoguchi-password} for the application's role. URL-safe so they never need quoting.
 */
record EmbeddedPasswords(Path superuserFile, Path applicationFile) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static EmbeddedPasswords beside(Path dataDir) {
        Path parent = dataDir.toAbsolutePath().getParent();
        return new EmbeddedPasswords(parent.resolve("pg-superuser-password"),
                parent.resolve("pg-" + ApplicationRole.NAME + "-password"));
    }

    boolean superuserKnown() {
        return Files.exists(superuserFile);
    }

    String superuser() {
        return KeyFiles.readOrCreate(superuserFile, "the embedded database's superuser password", generate());
    }

    String application() {
        return KeyFiles.readOrCreate(applicationFile, "the embedded database's application password", generate());
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

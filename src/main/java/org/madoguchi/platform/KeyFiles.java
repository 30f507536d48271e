package org.madoguchi.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * Secrets generated on first start when none is configured (keys, database passwords): written owner-only before
 * any byte of the secret reaches the file, and never logged.
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** The trimmed content of {@code file}, or 32 random bytes in base64 written there first. */
    public static String readOrCreateKey(Path file, String what) {
        return readOrCreate(file, what, Base64.getEncoder().encodeToString(KeyRing.randomKey()));
    }

    /** The trimmed content of {@code file}, or {@code initial} written there first (a racing writer's wins). */
    public static String readOrCreate(Path file, String what, String initial) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            writeOwnerOnly(file, initial);
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + what + " (" + file + ")", e);
        }
    }

    /** Writes a secret through an owner-only temporary file moved into place; an existing file is kept. */
    public static void writeOwnerOnly(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system (Windows): the directory's permissions apply.
        }
        Files.writeString(temp, secret + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            Files.deleteIfExists(temp);
            if (!Files.exists(file)) {
                throw raced;
            }
        }
    }
}

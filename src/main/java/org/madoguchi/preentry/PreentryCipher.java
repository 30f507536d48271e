package org.madoguchi.preentry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.madoguchi.platform.KeyRing;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM sealing of the entries, bound to the row id; keys rotate as {@link KeyRing} describes. Without
 * configured keys one is generated into a key file, because pre-entries must survive a restart.
 */
@Component
class PreentryCipher {

    private final KeyRing keys;

    PreentryCipher(PreentryProperties properties) {
        Map<String, String> configured = properties.keys();
        String active = properties.activeKey();
        if (configured.isEmpty()) {
            if (properties.keyFile().isBlank()) {
                throw new IllegalStateException("""
                        Pre-entry needs an encryption key: set madoguchi.preentry.keys.<id> to the base64 of 32 \
                        random bytes (openssl rand -base64 32) and madoguchi.preentry.active-key to <id>, or \
                        madoguchi.preentry.key-file to a file the key may be generated into (docs/preentry.md).""");
            }
            configured = Map.of("file", generatedKey(Path.of(properties.keyFile())));
            active = "file";
        }
        this.keys = KeyRing.fromBase64("madoguchi.preentry", configured, active, Set.of(32));
    }

    /** Reads the key file, or creates it readable by its owner only; the key never goes to the log. */
    private static String generatedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            String encoded = Base64.getEncoder().encodeToString(KeyRing.randomKey());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".preentry-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system (Windows): the directory's permissions apply.
            }
            Files.writeString(temp, encoded + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the pre-entry key file", e);
        }
    }

    String activeKeyId() {
        return keys.activeKeyId();
    }

    boolean hasKey(String keyId) {
        return keys.hasKey(keyId);
    }

    KeyRing.Sealed seal(String plaintext, String associatedData) {
        return keys.seal(plaintext, associatedData);
    }

    String open(KeyRing.Sealed sealed, String associatedData) {
        return keys.open(sealed, associatedData);
    }
}

package org.madoguchi.preentry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM sealing of the entries. Each value gets a fresh 96-bit nonce and the row id as associated data
 * (a sealed value copied into another row does not open). Several keys may be configured so that keys can be
 * rotated: new values use the active key, each row names the key it was sealed with.
 */
@Component
class PreentryCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

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
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        configured.forEach((id, value) -> {
            if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
                throw new IllegalStateException("Pre-entry key ids are 1-32 letters, digits, '.', '_' or '-'");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                // Names the key id, never the value.
                throw new IllegalStateException("Pre-entry key '" + id + "' is not valid base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("Pre-entry key '" + id + "' must be 32 bytes (AES-256)");
            }
            parsed.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (active == null || active.isBlank()) {
            active = parsed.size() == 1 ? parsed.keySet().iterator().next() : null;
        }
        if (active == null || !parsed.containsKey(active)) {
            throw new IllegalStateException("madoguchi.preentry.active-key must name one of the configured keys "
                    + parsed.keySet());
        }
        this.keys = Map.copyOf(parsed);
        this.activeKeyId = active;
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
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String encoded = Base64.getEncoder().encodeToString(raw);
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
        return activeKeyId;
    }

    boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    Sealed seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens a sealed value; fails if the key is gone, the row was altered or the value moved rows. */
    String open(Sealed sealed, String associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Pre-entry key '" + sealed.keyId() + "' is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed pre-entry could not be opened (wrong key or altered row)");
        }
    }
}

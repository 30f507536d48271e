package org.madoguchi.preentry;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.madoguchi.platform.KeyFiles;
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
            configured = Map.of("file", KeyFiles.readOrCreateKey(Path.of(properties.keyFile()), "the pre-entry key file"));
            active = "file";
        }
        this.keys = KeyRing.fromBase64("madoguchi.preentry", configured, active, Set.of(32));
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

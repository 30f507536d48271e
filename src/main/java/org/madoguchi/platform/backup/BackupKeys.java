package org.madoguchi.platform.backup;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.madoguchi.platform.KeyFiles;
import org.madoguchi.platform.KeyRing;

/**
 * The backup key ring: configured keys by id (rotation as {@link KeyRing} describes), or one generated into an
 * owner-only key file. Without the key the backups cannot be read, so the key file must be kept apart from them.
 */
final class BackupKeys {

    private BackupKeys() {
    }

    static KeyRing from(BackupProperties properties) {
        Map<String, String> configured = properties.keys();
        String active = properties.activeKey();
        if (configured.isEmpty()) {
            if (properties.keyFile().isBlank()) {
                throw new IllegalStateException("""
                        Backups need an encryption key: set madoguchi.backup.keys.<id> to the base64 of 32 random \
                        bytes and madoguchi.backup.active-key to <id>, or madoguchi.backup.key-file (docs/backup.md).""");
            }
            configured = Map.of("file", KeyFiles.readOrCreateKey(Path.of(properties.keyFile()), "the backup key file"));
            active = "file";
        }
        return KeyRing.fromBase64("madoguchi.backup", configured, active, Set.of(32));
    }
}

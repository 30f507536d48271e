package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.madoguchi.platform.KeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from configuration, the generated development key, and rotation. */
class PreentryCipherTest {

    private static String key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static PreentryCipher cipher(Map<String, String> keys, String active, String keyFile) {
        return new PreentryCipher(new PreentryProperties(keys, active, keyFile, null, null, null, null, null));
    }

    @Test
    void rotationKeepsOldRowsReadableUntilTheOldKeyIsRemoved() {
        String oldKey = key();
        String newKey = key();
        PreentryCipher before = cipher(Map.of("2026a", oldKey), null, "");
        KeyRing.Sealed old = before.seal("髙橋", "row-1");
        PreentryCipher during = cipher(Map.of("2026a", oldKey, "2026b", newKey), "2026b", "");
        assertThat(during.open(old, "row-1")).isEqualTo("髙橋");
        KeyRing.Sealed fresh = during.seal("𠮷田", "row-2");
        assertThat(fresh.keyId()).isEqualTo("2026b");
        PreentryCipher after = cipher(Map.of("2026b", newKey), "2026b", "");
        assertThat(after.open(fresh, "row-2")).isEqualTo("𠮷田");
        assertThatThrownBy(() -> after.open(old, "row-1")).hasMessageContaining("no longer configured");
        assertThatThrownBy(() -> during.open(fresh, "row-1")).as("moved to another row").hasMessageContaining("could not be opened");
    }

    @Test
    void badConfigurationIsRefusedWithoutEchoingTheKey() {
        assertThatThrownBy(() -> cipher(Map.of(), null, "")).hasMessageContaining("madoguchi.preentry.keys");
        assertThatThrownBy(() -> cipher(Map.of("k", "c2hvcnQ="), null, "")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> cipher(Map.of("k", "not base64!!"), null, ""))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64!!");
        assertThatThrownBy(() -> cipher(Map.of("a", key(), "b", key()), null, "")).hasMessageContaining("active-key");
    }

    @Test
    void withoutKeysAKeyIsGeneratedOnceIntoAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/preentry-key.txt");
        PreentryCipher first = cipher(Map.of(), null, file.toString());
        KeyRing.Sealed sealed = first.seal("板橋", "r");
        assertThat(Files.exists(file)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        PreentryCipher second = cipher(Map.of(), null, file.toString());
        assertThat(second.open(sealed, "r")).as("the same key after a restart").isEqualTo("板橋");
    }
}

package org.madoguchi.liveinfo.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.madoguchi.platform.KeyRing;
import org.junit.jupiter.api.Test;

/** The cipher's configuration rules and key rotation, without a database. */
class MailCipherTest {

    private static String key(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void withoutAKeyItRefusesUnlessAnEphemeralKeyIsAllowed() {
        assertThatThrownBy(() -> MailCipher.fromConfiguration(Map.of(), null, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("madoguchi.liveinfo.mail.keys");
        MailCipher ephemeral = MailCipher.fromConfiguration(Map.of(), null, true);
        assertThat(ephemeral.open(ephemeral.seal("a@example.jp", "row"), "row")).isEqualTo("a@example.jp");
    }

    @Test
    void badKeysAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> MailCipher.fromConfiguration(Map.of("k", key(8)), "k", false))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> MailCipher.fromConfiguration(Map.of("k", "not base64!!"), "k", false))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64!!");
        assertThatThrownBy(() -> MailCipher.fromConfiguration(Map.of("a", key(32), "b", key(32)), null, false))
                .hasMessageContaining("active-key");
    }

    @Test
    void afterRotationOldRowsStillOpenAndNewOnesUseTheNewKey() {
        String oldKey = key(32);
        String newKey = key(32);
        MailCipher before = MailCipher.fromConfiguration(Map.of("2025a", oldKey), "2025a", false);
        KeyRing.Sealed old = before.seal("a@example.jp", "row-1");

        MailCipher during = MailCipher.fromConfiguration(Map.of("2025a", oldKey, "2025b", newKey), "2025b", false);
        assertThat(during.open(old, "row-1")).isEqualTo("a@example.jp");
        KeyRing.Sealed fresh = during.seal("b@example.jp", "row-2");
        assertThat(fresh.keyId()).isEqualTo("2025b");

        MailCipher after = MailCipher.fromConfiguration(Map.of("2025b", newKey), "2025b", false);
        assertThat(after.open(fresh, "row-2")).isEqualTo("b@example.jp");
        assertThatThrownBy(() -> after.open(old, "row-1")).hasMessageContaining("no longer configured");

        KeyRing.Sealed a = during.seal("same", "r");
        KeyRing.Sealed b = during.seal("same", "r");
        assertThat(a.nonce()).as("a fresh nonce every time").isNotEqualTo(b.nonce());
        byte[] tampered = a.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> during.open(new KeyRing.Sealed(a.keyId(), a.nonce(), tampered), "r"))
                .isInstanceOf(IllegalStateException.class);
    }
}

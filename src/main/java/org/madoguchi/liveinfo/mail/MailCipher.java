package org.madoguchi.liveinfo.mail;

import java.util.Map;
import java.util.Set;
import org.madoguchi.platform.KeyRing;

/**
 * AES-GCM sealing of the few secrets a subscription holds (the address, the ticket's token), bound to the
 * subscription id; keys rotate as {@link KeyRing} describes.
 */
final class MailCipher {

    private final KeyRing keys;

    private MailCipher(KeyRing keys) {
        this.keys = keys;
    }

    /**
     * The cipher from configuration. With no keys it refuses, unless {@code ephemeral} allows a random key
     * for this process only; a fixed, published development key would be no encryption at all.
     */
    static MailCipher fromConfiguration(Map<String, String> base64Keys, String activeKeyId, boolean ephemeral) {
        if (base64Keys.isEmpty()) {
            if (!ephemeral) {
                throw new IllegalStateException("""
                        Mail notification needs an encryption key: set madoguchi.liveinfo.mail.keys.<id> to \
                        the base64 of 32 random bytes (openssl rand -base64 32) and madoguchi.liveinfo.mail.active-key \
                        to <id>, or madoguchi.liveinfo.mail.ephemeral-key=true for development on one node, \
                        or leave spring.mail.host unset to switch the feature off (see docs/privacy-mail.md).""");
            }
            return new MailCipher(KeyRing.ephemeral("ephemeral"));
        }
        return new MailCipher(KeyRing.fromBase64("madoguchi.liveinfo.mail", base64Keys, activeKeyId, Set.of(16, 24, 32)));
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

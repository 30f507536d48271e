package org.madoguchi.liveinfo.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM sealing of the few secrets a subscription holds (the address, the ticket's token). Each value
 * gets a fresh 96-bit nonce; the subscription id is bound in as associated data, so a sealed value copied
 * into another row does not open. Several keys may be configured at once so that keys can be rotated:
 * new values use the active key, older rows name the key they were sealed with.
 */
final class MailCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private MailCipher(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
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
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            return new MailCipher(Map.of("ephemeral", new SecretKeySpec(random, "AES")), "ephemeral");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        base64Keys.forEach((id, value) -> {
            if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
                throw new IllegalStateException("Mail key ids are 1-32 letters, digits, '.', '_' or '-'");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                // The message names the key id, never the value.
                throw new IllegalStateException("Mail key '" + id + "' is not valid base64");
            }
            if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                throw new IllegalStateException("Mail key '" + id + "' must be 16, 24 or 32 bytes (32 recommended)");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        String active = activeKeyId == null || activeKeyId.isBlank()
                ? (keys.size() == 1 ? keys.keySet().iterator().next() : null) : activeKeyId;
        if (active == null || !keys.containsKey(active)) {
            throw new IllegalStateException("madoguchi.liveinfo.mail.active-key must name one of the configured keys "
                    + keys.keySet());
        }
        return new MailCipher(Map.copyOf(keys), active);
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

    /** Opens a sealed value; fails if the key is gone, the row was tampered with or the value moved rows. */
    String open(Sealed sealed, String associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Mail key '" + sealed.keyId() + "' is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed mail value could not be opened (wrong key or altered row)");
        }
    }
}

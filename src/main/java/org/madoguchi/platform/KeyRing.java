package org.madoguchi.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM sealing of personal data at rest, shared by every module that keeps any. Each value gets a fresh
 * 96-bit nonce and associated data (usually its row id), so a sealed value copied into another row does not
 * open. Several keys may be configured at once so keys can be rotated: new values use the active key, and
 * each sealed value names the key it was sealed with. Messages name settings and key ids, never key values.
 */
public final class KeyRing {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private KeyRing(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Keys from configuration: {@code base64Keys} by id, under the settings {@code <settings>.keys} and
     * {@code <settings>.active-key}; the active key may be left out when there is only one.
     */
    public static KeyRing fromBase64(String settings, Map<String, String> base64Keys, String activeKeyId,
                                     Set<Integer> keyBytes) {
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        base64Keys.forEach((id, value) -> {
            if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
                throw new IllegalStateException(settings + ".keys: key ids are 1-32 letters, digits, '.', '_' or '-'");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Key '" + id + "' of " + settings + ".keys is not valid base64");
            }
            if (!keyBytes.contains(raw.length)) {
                throw new IllegalStateException("Key '" + id + "' of " + settings + ".keys must be "
                        + (keyBytes.equals(Set.of(32)) ? "32 bytes (AES-256)"
                        : String.join(", ", new TreeSet<>(keyBytes).stream().map(String::valueOf).toList())
                          .replaceAll(", (\\d+)$", " or $1") + " bytes (32 recommended)"));
            }
            parsed.put(id, new SecretKeySpec(raw, "AES"));
        });
        String active = activeKeyId == null || activeKeyId.isBlank()
                ? (parsed.size() == 1 ? parsed.keySet().iterator().next() : null) : activeKeyId;
        if (active == null || !parsed.containsKey(active)) {
            throw new IllegalStateException(settings + ".active-key must name one of the configured keys " + parsed.keySet());
        }
        return new KeyRing(parsed, active);
    }

    /** One random key that lives as long as this process (development on a single node only). */
    public static KeyRing ephemeral(String keyId) {
        return new KeyRing(Map.of(keyId, new SecretKeySpec(randomKey(), "AES")), keyId);
    }

    /** 32 random bytes, e.g. to generate a key file. */
    public static byte[] randomKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return raw;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    public Sealed seal(String plaintext, String associatedData) {
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

    /** Seals raw bytes (a chunk of a backup stream) with the active key; {@code associatedData} binds its place. */
    public Sealed sealBytes(byte[] plaintext, int length, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext, 0, length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens bytes sealed by {@link #sealBytes}; fails if the key is gone or the bytes or their place changed. */
    public byte[] openBytes(Sealed sealed, byte[] associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Key '" + sealed.keyId() + "' is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealed bytes could not be opened (wrong key or altered data)");
        }
    }

    /** Opens a sealed value; fails if its key is gone, the row was altered or the value moved rows. */
    public String open(Sealed sealed, String associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Key '" + sealed.keyId() + "' is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value could not be opened (wrong key or altered row)");
        }
    }
}

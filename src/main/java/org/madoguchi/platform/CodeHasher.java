package org.madoguchi.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA-256) of short codes typed by people: a code space of about 2^40 is reversed from a
 * plain SHA-256 in a dump within hours, but not without this key, which never enters the database. The
 * purpose is part of the input, so the same code hashes differently for two modules.
 */
@Component
public class CodeHasher {

    private final SecretKeySpec key;

    CodeHasher(@Value("${madoguchi.security.code-hash-key:}") String configured,
               @Value("${madoguchi.security.code-hash-key-file:${MADOGUCHI_DATA_DIR:data}/code-hash-key.txt}") String file) {
        String base64 = configured == null || configured.isBlank()
                ? KeyFiles.readOrCreateKey(Path.of(file), "the code hash key") : configured.trim();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("madoguchi.security.code-hash-key is not valid base64");
        }
        if (raw.length < 32) {
            throw new IllegalStateException("madoguchi.security.code-hash-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** Hex HMAC of {@code purpose + ':' + code}. */
    public String hash(String purpose, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((purpose + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

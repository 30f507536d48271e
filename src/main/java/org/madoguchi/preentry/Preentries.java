package org.madoguchi.preentry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CodeHasher;
import org.madoguchi.platform.KeyRing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pre-entries in the database: sealed drafts looked up by the hash of the resident's draft token, of the QR
 * token or of the short code; the access log; the daily measures. Nothing personal leaves this class
 * unsealed except to the caller. The draft token opens an entry only until it is finished; the random
 * tokens (128 bits and more) are stored as SHA-256, the short code (about 2^40) as a keyed hash.
 */
@Component
class Preentries {

    static final String QR_PREFIX = "MDGP:";
    /** No 0/O, 1/I/L: the short code is read aloud and typed. */
    static final String SHORT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The {@link CodeHasher} purpose of the typed short code. */
    static final String SHORT_CODE_PURPOSE = "preentry-short-code";

    record Entry(UUID id, Draft draft, Instant createdAt, Instant expiresAt, Instant completedAt) {
    }

    record Started(Entry entry, String draftToken) {
    }

    private final JdbcClient jdbc;
    private final PreentryCipher cipher;
    private final JsonMapper json;
    private final PreentryProperties properties;
    private final Clock clock;
    private final CodeHasher codeHasher;

    Preentries(JdbcClient jdbc, PreentryCipher cipher, JsonMapper json, PreentryProperties properties, Clock clock,
               CodeHasher codeHasher) {
        this.codeHasher = codeHasher;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored form of a canonical short code: a plain hash of so small a space is reversed from a dump. */
    String shortCodeHash(String shortCode) {
        return codeHasher.hash(SHORT_CODE_PURPOSE, shortCode);
    }

    static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String randomShortCode() {
        StringBuilder code = new StringBuilder("P");
        for (int i = 0; i < 8; i++) {
            code.append(SHORT_ALPHABET.charAt(RANDOM.nextInt(SHORT_ALPHABET.length())));
        }
        return code.toString();
    }

    /** A typed short code in canonical form (full-width, lower case, spaces and hyphens forgiven), or null. */
    static String canonicalShortCode(String typed) {
        String s = EntryText.nfkc(typed).toUpperCase().replaceAll("[\\s\\-ー－]", "");
        return s.matches("P[" + SHORT_ALPHABET + "]{8}") ? s : null;
    }

    /** A scanned QR token in canonical form, or null when it is not one of ours. */
    static String canonicalQrToken(String scanned) {
        // A keyboard-wedge reader behind a Japanese IME may type full-width characters.
        String s = EntryText.nfkc(scanned);
        if (s.regionMatches(true, 0, QR_PREFIX, 0, QR_PREFIX.length())) {
            String token = s.substring(QR_PREFIX.length());
            return token.matches("[A-Za-z0-9_-]{22}") ? QR_PREFIX + token : null;
        }
        return null;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(properties.purgeZone()));
    }

    private Instant expiry(Instant now) {
        return now.plus(Duration.ofDays(properties.retentionDays()));
    }

    @Transactional
    Started start(String plan, List<String> procedures) {
        UUID id = UUID.randomUUID();
        String draftToken = randomToken(32);
        Instant now = clock.instant();
        Draft draft = Draft.start(plan, procedures);
        KeyRing.Sealed sealed = seal(id, draft);
        jdbc.sql("""
                INSERT INTO preentry.entry (id, draft_token_hash, key_id, nonce, sealed, created_at, updated_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, hash(draftToken), sealed.keyId(), sealed.nonce(), sealed.ciphertext(),
                        Timestamp.from(now), Timestamp.from(now), Timestamp.from(expiry(now))).update();
        count("started");
        return new Started(new Entry(id, draft, now, expiry(now), null), draftToken);
    }

    Optional<Entry> byDraftToken(String draftToken) {
        if (draftToken == null || !draftToken.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        // A finished entry has no draft token any more; the condition says so again.
        return find("draft_token_hash = ? AND completed_at IS NULL", hash(draftToken));
    }

    /** By the QR token or the typed short code. */
    Optional<Entry> byCode(String code) {
        String qr = canonicalQrToken(code);
        if (qr != null) {
            return find("qr_token_hash = ?", hash(qr));
        }
        String shortCode = canonicalShortCode(code);
        return shortCode == null ? Optional.empty() : find("short_code_hash = ?", shortCodeHash(shortCode));
    }

    Optional<Entry> byId(UUID id) {
        return find("id = ?", id);
    }

    private Optional<Entry> find(String condition, Object parameter) {
        return jdbc.sql("SELECT id, key_id, nonce, sealed, created_at, expires_at, completed_at FROM preentry.entry WHERE "
                        + condition + " AND expires_at > ?")
                .params(parameter, Timestamp.from(clock.instant()))
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String plain = cipher.open(new KeyRing.Sealed(rs.getString("key_id"), rs.getBytes("nonce"),
                            rs.getBytes("sealed")), id.toString());
                    Timestamp completed = rs.getTimestamp("completed_at");
                    return new Entry(id, json.readValue(plain, Draft.class), rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("expires_at").toInstant(), completed == null ? null : completed.toInstant());
                }).optional();
    }

    private KeyRing.Sealed seal(UUID id, Draft draft) {
        return cipher.seal(json.writeValueAsString(draft), id.toString());
    }

    /** Saves the draft (re-sealed with the active key) and starts the retention period again. */
    Entry save(Entry entry, Draft draft) {
        Instant now = clock.instant();
        KeyRing.Sealed sealed = seal(entry.id(), draft);
        jdbc.sql("UPDATE preentry.entry SET key_id = ?, nonce = ?, sealed = ?, updated_at = ?, expires_at = ? WHERE id = ?")
                .params(sealed.keyId(), sealed.nonce(), sealed.ciphertext(), Timestamp.from(now),
                        Timestamp.from(expiry(now)), entry.id()).update();
        return new Entry(entry.id(), draft, entry.createdAt(), expiry(now), entry.completedAt());
    }

    /**
     * Gives the entry its QR token and short code (once); counts 二次元コード生成数 the first time. From now on
     * only these codes open the entry: the draft token is forgotten, so the browser (perhaps a library's shared
     * computer) no longer reaches it.
     */
    @Transactional
    Entry complete(Entry entry) {
        if (entry.draft().qrToken() != null) {
            return entry;
        }
        Draft draft = entry.draft().withTokens(QR_PREFIX + randomToken(16), randomShortCode());
        Entry saved = save(entry, draft);
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE preentry.entry SET qr_token_hash = ?, short_code_hash = ?, completed_at = ?, draft_token_hash = NULL
                WHERE id = ?""")
                .params(hash(draft.qrToken()), shortCodeHash(draft.shortCode()), Timestamp.from(now), entry.id())
                .update();
        count("completed");
        return new Entry(saved.id(), draft, saved.createdAt(), saved.expiresAt(), now);
    }

    /**
     * Stores the keyed hash of the short code of finished entries that have none: V20 dropped the old plain
     * hashes, which SQL cannot turn into keyed ones; the code itself is in the sealed draft.
     */
    @Transactional
    int keyShortCodes() {
        List<UUID> ids = jdbc.sql("SELECT id FROM preentry.entry WHERE completed_at IS NOT NULL AND short_code_hash IS NULL")
                .query(UUID.class).list();
        int keyed = 0;
        for (UUID id : ids) {
            String shortCode = byId(id).map(e -> e.draft().shortCode()).orElse(null);
            if (shortCode != null) {
                keyed += jdbc.sql("UPDATE preentry.entry SET short_code_hash = ? WHERE id = ? AND short_code_hash IS NULL")
                        .params(shortCodeHash(shortCode), id).update();
            }
        }
        return keyed;
    }

    @Transactional
    boolean delete(UUID id, String action, Actor actor) {
        int deleted = jdbc.sql("DELETE FROM preentry.entry WHERE id = ?").param(id).update();
        if (deleted > 0) {
            log(id, action, actor);
        }
        return deleted > 0;
    }

    /** Records a scan (kiosk or counter); the first one of an entry counts in the day's 二次元コード受付数. */
    @Transactional
    void scanned(UUID id, Actor actor) {
        // 二次元コード受付数 counts entries received, not reads: the kiosk and the counter may both scan one.
        Integer before = jdbc.sql("UPDATE preentry.entry SET scans = scans + 1 WHERE id = ? RETURNING scans - 1")
                .param(id).query(Integer.class).optional().orElse(null);
        log(id, "scan", actor);
        if (before != null && before == 0) {
            count("scanned");
        }
    }

    void log(UUID entryId, String action, Actor actor) {
        jdbc.sql("INSERT INTO preentry.access_log (entry_id, action, staff_id, device_id, at) VALUES (?, ?, ?, ?, ?)")
                .params(entryId, action, actor == null ? null : actor.staffId(), actor == null ? null : actor.deviceId(),
                        Timestamp.from(clock.instant())).update();
    }

    void count(String measure) {
        jdbc.sql("""
                INSERT INTO preentry.daily_count (day, measure, count) VALUES (?, ?, 1)
                ON CONFLICT (day, measure) DO UPDATE SET count = preentry.daily_count.count + 1""")
                .params(today(), measure).update();
    }

    /** Deletes entries past their expiry, logging each; and access log rows past their retention. */
    @Transactional
    int purge() {
        Instant now = clock.instant();
        List<UUID> expired = jdbc.sql("DELETE FROM preentry.entry WHERE expires_at <= ? RETURNING id")
                .param(Timestamp.from(now)).query(UUID.class).list();
        expired.forEach(id -> log(id, "expired", Actor.system()));
        jdbc.sql("DELETE FROM preentry.access_log WHERE at < ?")
                .param(Timestamp.from(now.minus(properties.accessLogRetention()))).update();
        return expired.size();
    }
}

package org.madoguchi.liveinfo.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.madoguchi.platform.KeyRing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The module's SQL over schema {@code liveinfo}. Every read of a sealed address and every deletion writes a
 * row to {@code mail_access_log} (which never holds the address), in the same statement or transaction.
 */
@Repository
class MailStore {

    enum Access { STORED, UPDATED, READ_FOR_DUPLICATE_CHECK, READ_FOR_SEND, CONFIRMATION_SENT, CONFIRMED,
        DELETED_UNSUBSCRIBE, DELETED_FINISHED, DELETED_END_OF_DAY, DELETED_EXPIRED }

    /** A subscription; {@code confirmed} once the visitor typed the mailed code, which is valid until {@code codeExpiresAt}. */
    record Subscription(UUID id, String officeId, LocalDate serviceDate, int ticketNumber, Set<NotifyLevel> levels,
                        KeyRing.Sealed address, KeyRing.Sealed secrets, Instant expiresAt, boolean confirmed,
                        Instant codeExpiresAt) {
    }

    /** The confirmation state of one subscription, read locked. */
    record Confirmation(UUID id, boolean confirmed, String codeHash, Instant codeExpiresAt, int attempts) {
    }

    record OutboxItem(long id, UUID subscriptionId, NotifyLevel kind, int attempts, int ticketNumber,
                      String departmentNameJa, String placeJa, String counterLabelJa, Integer ahead) {
    }

    private static final String SUBSCRIPTION = """
            SELECT id, office_id, service_date, ticket_number, notify_ahead5, notify_ahead3, notify_called, key_id,
                   address_nonce, address_sealed, secrets_nonce, secrets_sealed, expires_at, confirmed_at, confirm_expires_at
            FROM liveinfo.mail_subscription""";

    private final JdbcClient jdbc;

    MailStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- subscriptions

    void insert(Subscription s, String ticketTokenHash, String unsubscribeHash, Instant now) {
        jdbc.sql("""
                        INSERT INTO liveinfo.mail_subscription (id, office_id, service_date, ticket_number, ticket_token_hash,
                            unsubscribe_hash, key_id, address_nonce, address_sealed, secrets_nonce, secrets_sealed,
                            notify_ahead5, notify_ahead3, notify_called, created_at, updated_at, expires_at)
                        VALUES (:id, :office, :date, :number, :tokenHash, :unsubHash, :key, :an, :a, :sn, :s,
                            :n5, :n3, :nc, :now, :now, :expires)""")
                .param("id", s.id()).param("office", s.officeId()).param("date", s.serviceDate())
                .param("number", s.ticketNumber()).param("tokenHash", ticketTokenHash).param("unsubHash", unsubscribeHash)
                .param("key", s.address().keyId()).param("an", s.address().nonce()).param("a", s.address().ciphertext())
                .param("sn", s.secrets().nonce()).param("s", s.secrets().ciphertext())
                .param("n5", s.levels().contains(NotifyLevel.AHEAD_5)).param("n3", s.levels().contains(NotifyLevel.AHEAD_3))
                .param("nc", s.levels().contains(NotifyLevel.CALLED)).param("now", odt(now))
                .param("expires", odt(s.expiresAt()))
                .update();
        log(s.id(), Access.STORED, "visitor", null, now);
    }

    void updateLevels(UUID id, Set<NotifyLevel> levels, Instant now) {
        jdbc.sql("""
                        UPDATE liveinfo.mail_subscription SET notify_ahead5 = :n5, notify_ahead3 = :n3, notify_called = :nc,
                            updated_at = :now WHERE id = :id""")
                .param("n5", levels.contains(NotifyLevel.AHEAD_5)).param("n3", levels.contains(NotifyLevel.AHEAD_3))
                .param("nc", levels.contains(NotifyLevel.CALLED)).param("now", odt(now)).param("id", id).update();
        log(id, Access.UPDATED, "visitor", null, now);
    }

    /** The ticket's live subscriptions, locked so two registrations for one ticket count one after the other. */
    List<Subscription> forTicketLocked(String ticketTokenHash, Instant now) {
        // Serialises registrations of one ticket (the row count is the limit being checked).
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))").param("k", "liveinfo.mail|" + ticketTokenHash)
                .query((rs, n) -> 1).list();
        return jdbc.sql(SUBSCRIPTION + " WHERE ticket_token_hash = :h AND expires_at > :now ORDER BY created_at")
                .param("h", ticketTokenHash).param("now", odt(now)).query(MailStore::subscription).list();
    }

    /** Confirmed subscriptions only: an address nobody proved to own is never sent a notice. */
    List<Subscription> activeForOffice(String officeId, Instant now) {
        return jdbc.sql(SUBSCRIPTION + " WHERE office_id = :o AND finished_at IS NULL AND confirmed_at IS NOT NULL"
                        + " AND expires_at > :now ORDER BY created_at")
                .param("o", officeId).param("now", odt(now)).query(MailStore::subscription).list();
    }

    Optional<Subscription> byId(UUID id) {
        return jdbc.sql(SUBSCRIPTION + " WHERE id = :id").param("id", id).query(MailStore::subscription).optional();
    }

    List<String> officesWithActive(Instant now) {
        return jdbc.sql("""
                        SELECT DISTINCT office_id FROM liveinfo.mail_subscription
                        WHERE finished_at IS NULL AND confirmed_at IS NOT NULL AND expires_at > :now""")
                .param("now", odt(now)).query(String.class).list();
    }

    Optional<UUID> byUnsubscribeHash(String hash) {
        return jdbc.sql("SELECT id FROM liveinfo.mail_subscription WHERE unsubscribe_hash = :h")
                .param("h", hash).query(UUID.class).optional();
    }

    // ---------------------------------------------------------------- confirmation

    /** A new code for the subscription: valid until {@code expires}, with a fresh count of attempts. */
    void setCode(UUID id, String codeHash, Instant expires) {
        jdbc.sql("""
                        UPDATE liveinfo.mail_subscription SET confirm_code_hash = :h, confirm_expires_at = :e,
                            confirm_attempts = 0 WHERE id = :id""")
                .param("h", codeHash).param("e", odt(expires)).param("id", id).update();
    }

    /** The confirmation state of a subscription of this ticket, locked until the transaction ends. */
    Optional<Confirmation> confirmationLocked(UUID id, String ticketTokenHash, Instant now) {
        return jdbc.sql("""
                        SELECT id, confirmed_at, confirm_code_hash, confirm_expires_at, confirm_attempts
                        FROM liveinfo.mail_subscription WHERE id = :id AND ticket_token_hash = :h AND expires_at > :now
                        FOR UPDATE""")
                .param("id", id).param("h", ticketTokenHash).param("now", odt(now))
                .query((rs, n) -> {
                    OffsetDateTime expires = rs.getObject("confirm_expires_at", OffsetDateTime.class);
                    return new Confirmation(rs.getObject("id", UUID.class), rs.getObject("confirmed_at") != null,
                            rs.getString("confirm_code_hash"), expires == null ? null : expires.toInstant(),
                            rs.getInt("confirm_attempts"));
                }).optional();
    }

    void countWrongCode(UUID id) {
        jdbc.sql("UPDATE liveinfo.mail_subscription SET confirm_attempts = confirm_attempts + 1 WHERE id = :id")
                .param("id", id).update();
    }

    void markConfirmed(UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE liveinfo.mail_subscription SET confirmed_at = :now, confirm_code_hash = NULL,
                            updated_at = :now WHERE id = :id""")
                .param("now", odt(now)).param("id", id).update();
        log(id, Access.CONFIRMED, "visitor", null, now);
    }

    /** Serialises the confirmation mails of one address (the count is the limit being checked). */
    void lockAddress(String addressHash) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))").param("k", "liveinfo.mail-address|" + addressHash)
                .query((rs, n) -> 1).list();
    }

    long confirmationsSentSince(String addressHash, Instant since) {
        return jdbc.sql("SELECT count(*) FROM liveinfo.mail_confirmation_sent WHERE address_hash = :h AND sent_at > :since")
                .param("h", addressHash).param("since", odt(since)).query(Long.class).single();
    }

    void recordConfirmationSent(String addressHash, Instant now) {
        jdbc.sql("INSERT INTO liveinfo.mail_confirmation_sent (address_hash, sent_at) VALUES (:h, :now)")
                .param("h", addressHash).param("now", odt(now)).update();
    }

    int deleteConfirmationsSentBefore(Instant limit) {
        return jdbc.sql("DELETE FROM liveinfo.mail_confirmation_sent WHERE sent_at < :limit").param("limit", odt(limit))
                .update();
    }

    void markFinished(UUID id, Instant now) {
        jdbc.sql("UPDATE liveinfo.mail_subscription SET finished_at = :now WHERE id = :id AND finished_at IS NULL")
                .param("now", odt(now)).param("id", id).update();
    }

    boolean delete(UUID id, Access why, String actor, Instant now) {
        int n = jdbc.sql("DELETE FROM liveinfo.mail_subscription WHERE id = :id").param("id", id).update();
        if (n > 0) {
            log(id, why, actor, null, now);
        }
        return n > 0;
    }

    /** Deletes every subscription of service days up to {@code lastDay}; the outbox goes with them (cascade). */
    int deleteServiceDaysUpTo(LocalDate lastDay, Instant now) {
        return deleteLogged("service_date <= :d", "d", lastDay, Access.DELETED_END_OF_DAY, now);
    }

    int deleteExpired(Instant now) {
        return deleteLogged("expires_at <= :limit", "limit", odt(now), Access.DELETED_EXPIRED, now);
    }

    /** Subscriptions whose ticket is over, once nothing is left to send for them. */
    int deleteFinished(Instant now) {
        return jdbc.sql("""
                        WITH gone AS (
                            DELETE FROM liveinfo.mail_subscription s WHERE s.finished_at IS NOT NULL
                              AND NOT EXISTS (SELECT 1 FROM liveinfo.mail_outbox o WHERE o.subscription_id = s.id AND o.status = 'PENDING')
                            RETURNING s.id)
                        INSERT INTO liveinfo.mail_access_log (at, subscription_id, action, actor)
                        SELECT :now, id, 'DELETED_FINISHED', 'system' FROM gone""")
                .param("now", odt(now)).update();
    }

    private int deleteLogged(String condition, String name, Object value, Access why, Instant now) {
        return jdbc.sql("WITH gone AS (DELETE FROM liveinfo.mail_subscription WHERE " + condition + " RETURNING id) "
                        + "INSERT INTO liveinfo.mail_access_log (at, subscription_id, action, actor) "
                        + "SELECT :now, id, :action, 'system:purge' FROM gone")
                .param(name, value).param("now", odt(now)).param("action", why.name()).update();
    }

    int deleteAccessLogBefore(Instant limit) {
        return jdbc.sql("DELETE FROM liveinfo.mail_access_log WHERE at < :limit").param("limit", odt(limit)).update();
    }

    // ---------------------------------------------------------------- outbox

    /** Adds a mail unless this level was already handled for this step; true if it was added now. */
    boolean enqueue(UUID subscriptionId, NotifyLevel kind, int stepIndex, boolean skipped, int ticketNumber,
                    String departmentNameJa, String placeJa, String counterLabelJa, Integer ahead, Instant now) {
        return jdbc.sql("""
                        INSERT INTO liveinfo.mail_outbox (subscription_id, kind, step_index, status, ticket_number,
                            department_name_ja, place_ja, counter_label_ja, ahead, next_attempt_at, created_at)
                        VALUES (:s, :kind, :step, :status, :number, :dept, :place, :counter, :ahead, :now, :now)
                        ON CONFLICT (subscription_id, kind, step_index) DO NOTHING""")
                .param("s", subscriptionId).param("kind", kind.name()).param("step", stepIndex)
                .param("status", skipped ? "SKIPPED" : "PENDING").param("number", ticketNumber)
                .param("dept", departmentNameJa).param("place", placeJa).param("counter", counterLabelJa)
                .param("ahead", ahead).param("now", odt(now))
                .update() > 0;
    }

    /** A looser notice still waiting is stale once a tighter one is queued: "5 ahead" after "3 ahead" confuses. */
    void skipPendingLooserThan(UUID subscriptionId, int stepIndex, NotifyLevel kind) {
        List<String> looser = EnumSet.allOf(NotifyLevel.class).stream().filter(l -> l.ordinal() < kind.ordinal())
                .map(Enum::name).toList();
        if (looser.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE liveinfo.mail_outbox SET status = 'SKIPPED'
                        WHERE subscription_id = :s AND step_index = :step AND status = 'PENDING' AND kind IN (:kinds)""")
                .param("s", subscriptionId).param("step", stepIndex).param("kinds", looser).update();
    }

    /**
     * Claims due mails for this node: their next attempt moves past a lease, so another node (or this one
     * after a crash) takes them up again only if this attempt never reports back.
     */
    List<OutboxItem> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        UPDATE liveinfo.mail_outbox o SET next_attempt_at = :lease, attempts = o.attempts + 1
                        WHERE o.id IN (SELECT id FROM liveinfo.mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= :now
                                       ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING o.id, o.subscription_id, o.kind, o.attempts, o.ticket_number, o.department_name_ja,
                                  o.place_ja, o.counter_label_ja, o.ahead""")
                .param("lease", odt(leaseUntil)).param("now", odt(now)).param("limit", limit)
                .query((rs, n) -> new OutboxItem(rs.getLong("id"), rs.getObject("subscription_id", UUID.class),
                        NotifyLevel.valueOf(rs.getString("kind")), rs.getInt("attempts"), rs.getInt("ticket_number"),
                        rs.getString("department_name_ja"), rs.getString("place_ja"), rs.getString("counter_label_ja"),
                        (Integer) rs.getObject("ahead")))
                .list();
    }

    /** Mails waiting to be sent (retries included) and those given up, for the metrics; the outbox holds one day. */
    record OutboxCounts(long pending, long failed) {
    }

    OutboxCounts outboxCounts() {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'FAILED')
                        FROM liveinfo.mail_outbox WHERE status IN ('PENDING', 'FAILED')""")
                .query((rs, n) -> new OutboxCounts(rs.getLong(1), rs.getLong(2))).single();
    }

    void markSent(long id, Instant now) {
        jdbc.sql("UPDATE liveinfo.mail_outbox SET status = 'SENT', sent_at = :now, last_error = NULL WHERE id = :id")
                .param("now", odt(now)).param("id", id).update();
    }

    void markFailed(long id, boolean giveUp, Instant nextAttempt, String error) {
        jdbc.sql("UPDATE liveinfo.mail_outbox SET status = :status, next_attempt_at = :next, last_error = :error WHERE id = :id")
                .param("status", giveUp ? "FAILED" : "PENDING").param("next", odt(nextAttempt)).param("error", error)
                .param("id", id).update();
    }

    // ---------------------------------------------------------------- access log

    void log(UUID subscriptionId, Access action, String actor, Long outboxId, Instant now) {
        jdbc.sql("""
                        INSERT INTO liveinfo.mail_access_log (at, subscription_id, action, actor, outbox_id)
                        VALUES (:at, :s, :action, :actor, :outbox)""")
                .param("at", odt(now)).param("s", subscriptionId).param("action", action.name()).param("actor", actor)
                .param("outbox", outboxId).update();
    }

    private static Subscription subscription(ResultSet rs, int n) throws SQLException {
        Set<NotifyLevel> levels = EnumSet.noneOf(NotifyLevel.class);
        if (rs.getBoolean("notify_ahead5")) {
            levels.add(NotifyLevel.AHEAD_5);
        }
        if (rs.getBoolean("notify_ahead3")) {
            levels.add(NotifyLevel.AHEAD_3);
        }
        if (rs.getBoolean("notify_called")) {
            levels.add(NotifyLevel.CALLED);
        }
        String key = rs.getString("key_id");
        return new Subscription(rs.getObject("id", UUID.class), rs.getString("office_id"),
                rs.getObject("service_date", LocalDate.class), rs.getInt("ticket_number"), levels,
                new KeyRing.Sealed(key, rs.getBytes("address_nonce"), rs.getBytes("address_sealed")),
                new KeyRing.Sealed(key, rs.getBytes("secrets_nonce"), rs.getBytes("secrets_sealed")),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getObject("confirmed_at") != null,
                Optional.ofNullable(rs.getObject("confirm_expires_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant).orElse(null));
    }

    static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

package org.madoguchi.reception;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ClusterNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the reception event log and, just before the transaction commits, one notification carrying the
 * new event ids; PostgreSQL delivers it to every node only if the transaction commits.
 *
 * <p>As the very last statements before the commit the transaction's events get their <em>position</em>, under a
 * transaction-scoped advisory lock held until the commit is complete: positions grow in the order in which
 * transactions commit, ids only in the order of inserts. Live streams and their catch-up go by position.
 */
@Component
class EventLog {

    static final String CHANNEL = "reception_events";
    /** The advisory lock (two-key form, apart from the one-key idempotency locks) that orders event commits. */
    private static final int LOCK_NAMESPACE = 0x6d64_6763;
    private static final int LOCK_POSITION = 1;
    /** NOTIFY payloads are limited to 8000 bytes; ids are sent in chunks well below that. */
    private static final int MAX_PAYLOAD = 7000;

    private final JdbcClient jdbc;
    private final ClusterNotifications notifications;

    EventLog(JdbcClient jdbc, ClusterNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    record Entry(EventType type, String officeId, UUID ticketId, Integer ticketNumber, Long visitId,
                 String departmentId, String counterId, VisitStatus from, VisitStatus to, String detailJson) {
    }

    long record(Instant at, Actor actor, Entry e) {
        long id = jdbc.sql("""
                        INSERT INTO reception.event (occurred_at, type, office_id, ticket_id, ticket_number, visit_id,
                            department_id, counter_id, staff_id, device_id, from_status, to_status, detail)
                        VALUES (:at, :type, :office, :ticket, :number, :visit, :department, :counter, :staff, :device,
                            :from, :to, CAST(:detail AS jsonb))
                        RETURNING id""")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("type", e.type().name())
                .param("office", e.officeId())
                .param("ticket", e.ticketId())
                .param("number", e.ticketNumber())
                .param("visit", e.visitId())
                .param("department", e.departmentId())
                .param("counter", e.counterId())
                .param("staff", actor.staffId())
                .param("device", actor.deviceId())
                .param("from", e.from() == null ? null : e.from().name())
                .param("to", e.to() == null ? null : e.to().name())
                .param("detail", e.detailJson())
                .query(Long.class).single();
        Pending pending = pending();
        pending.toNotify.add(id);
        pending.all.add(id);
        return id;
    }

    /** This transaction's event ids: those still to be notified, and all of them (for their positions). */
    private record Pending(List<Long> toNotify, List<Long> all) {
    }

    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("reception events are written inside a transaction");
        }
        Object existing = TransactionSynchronizationManager.getResource(this);
        if (existing != null) {
            return (Pending) existing;
        }
        Pending pending = new Pending(new ArrayList<>(), new ArrayList<>());
        TransactionSynchronizationManager.bindResource(this, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                sendPending();
                assignPositions(pending.all());
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(EventLog.this);
            }
        });
        return pending;
    }

    /**
     * Sends the notifications for the events recorded so far in this transaction. PostgreSQL still delivers
     * them only at commit; calling this early just moves the round trip to where no lock is held.
     */
    void sendPending() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound instanceof Pending pending && !pending.toNotify().isEmpty()) {
            sendChunks(pending.toNotify());
            pending.toNotify().clear();
        }
    }

    /**
     * Positions in commit order: the lock is taken after everything else the transaction did and is released only
     * once its commit is visible, so a transaction that gets a higher position commits after every lower one.
     */
    private void assignPositions(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(:ns, :key)").param("ns", LOCK_NAMESPACE).param("key", LOCK_POSITION)
                .query((rs, n) -> 1).list();
        jdbc.sql("""
                        UPDATE reception.event e SET position = n.position
                        FROM (SELECT o.id, nextval('reception.event_position') AS position
                              FROM (SELECT id FROM reception.event WHERE id IN (:ids) ORDER BY id) o) n
                        WHERE e.id = n.id""")
                .param("ids", ids).update();
    }

    private void sendChunks(List<Long> ids) {
        StringJoiner chunk = new StringJoiner(",");
        for (long id : ids) {
            if (chunk.length() > MAX_PAYLOAD) {
                notifications.send(CHANNEL, chunk.toString());
                chunk = new StringJoiner(",");
            }
            chunk.add(Long.toString(id));
        }
        if (chunk.length() > 0) {
            notifications.send(CHANNEL, chunk.toString());
        }
    }
}

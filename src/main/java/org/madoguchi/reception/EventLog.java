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
 */
@Component
class EventLog {

    static final String CHANNEL = "reception_events";
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
        pendingIds().add(id);
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Long> pendingIds() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("reception events are written inside a transaction");
        }
        Object existing = TransactionSynchronizationManager.getResource(this);
        if (existing != null) {
            return (List<Long>) existing;
        }
        List<Long> ids = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, ids);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                sendPending();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(EventLog.this);
            }
        });
        return ids;
    }

    /**
     * Sends the notifications for the events recorded so far in this transaction. PostgreSQL still delivers
     * them only at commit; calling this early just moves the round trip to where no lock is held.
     */
    @SuppressWarnings("unchecked")
    void sendPending() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound instanceof List<?> list && !list.isEmpty()) {
            List<Long> ids = (List<Long>) list;
            sendChunks(ids);
            ids.clear();
        }
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

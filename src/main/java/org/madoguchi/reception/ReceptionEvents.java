package org.madoguchi.reception;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.madoguchi.platform.ClusterNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Committed reception events for live subscribers. Every node learns of each commit through one database
 * notification with the new event ids and reads those events once, whatever the number of viewers.
 */
@Service
public class ReceptionEvents {

    private static final Logger log = LoggerFactory.getLogger(ReceptionEvents.class);
    /** As many as an open stream replays on reconnection (LiveEventHub); a larger gap is a resync only. */
    private static final int CATCH_UP_LIMIT = 1000;

    private static final String SELECT = """
            SELECT id, occurred_at, type, office_id, department_id, ticket_number, counter_id, to_status
            FROM reception.event""";

    private final JdbcClient jdbc;
    private final ClusterNotifications notifications;

    ReceptionEvents(JdbcClient jdbc, ClusterNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /**
     * Calls {@code listener} with the events of each commit, on every node; {@code onResync} after a gap. After the
     * listening connection was lost, the events committed meanwhile are first delivered like any others (when there
     * are not too many), so that open streams carry them too; {@code onResync} follows in any case.
     */
    public void subscribe(Consumer<List<LiveEvent>> listener, Runnable onResync) {
        // Only the listening thread calls these two, one after the other.
        AtomicLong lastSeen = new AtomicLong();
        // Caught up already: a transaction that committed just after listening began is both read and notified.
        Set<Long> caughtUp = new HashSet<>();
        notifications.subscribe(EventLog.CHANNEL, payload -> {
            List<Long> ids = Arrays.stream(payload.split(",")).map(Long::valueOf).filter(id -> !caughtUp.remove(id))
                    .toList();
            List<LiveEvent> events = byIds(ids);
            events.forEach(e -> lastSeen.accumulateAndGet(e.id(), Math::max));
            if (!events.isEmpty()) {
                listener.accept(events);
            }
        }, () -> {
            caughtUp.clear();
            catchUp(lastSeen, listener).forEach(e -> caughtUp.add(e.id()));
            onResync.run();
        });
    }

    /**
     * The listening connection is back (it listens again before this runs, so nothing committed from now on is
     * missed): what was committed after the last event seen is read once. A node that saw none yet, or a gap larger
     * than a screen would replay, is left to the resync.
     */
    private List<LiveEvent> catchUp(AtomicLong lastSeen, Consumer<List<LiveEvent>> listener) {
        long after = lastSeen.get();
        if (after == 0) {
            return List.of();
        }
        try {
            List<LiveEvent> missed = jdbc.sql(SELECT + " WHERE id > :after ORDER BY id LIMIT :limit")
                    .param("after", after).param("limit", CATCH_UP_LIMIT + 1).query(ReceptionEvents::liveEvent).list();
            if (missed.isEmpty() || missed.size() > CATCH_UP_LIMIT) {
                return List.of();
            }
            lastSeen.accumulateAndGet(missed.get(missed.size() - 1).id(), Math::max);
            listener.accept(missed);
            return missed;
        } catch (DataAccessException e) {
            log.warn("Could not read the events committed while the notification connection was lost: {}", e.toString());
            return List.of();
        }
    }

    public List<LiveEvent> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE id IN (:ids) ORDER BY id").param("ids", ids)
                .query(ReceptionEvents::liveEvent).list();
    }

    /** Events of an office after {@code afterId}, oldest first, for a subscriber catching up. */
    public List<LiveEvent> since(String officeId, long afterId, int limit) {
        return jdbc.sql(SELECT + " WHERE office_id = :o AND id > :after ORDER BY id LIMIT :limit")
                .param("o", officeId).param("after", afterId).param("limit", limit)
                .query(ReceptionEvents::liveEvent).list();
    }

    private static LiveEvent liveEvent(ResultSet rs, int n) throws SQLException {
        int number = rs.getInt("ticket_number");
        Integer ticketNumber = rs.wasNull() ? null : number;
        String to = rs.getString("to_status");
        return new LiveEvent(rs.getLong("id"), ReceptionService.instant(rs, "occurred_at"),
                EventType.valueOf(rs.getString("type")), rs.getString("office_id"), rs.getString("department_id"),
                ticketNumber, rs.getString("counter_id"), to == null ? null : VisitStatus.valueOf(to));
    }
}

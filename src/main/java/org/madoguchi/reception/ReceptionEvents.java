package org.madoguchi.reception;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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
 *
 * <p>Events are handed out and caught up by their position in commit order ({@link LiveEvent#id()}, see
 * {@code EventLog}): notifications arrive in commit order too, so what a subscriber has seen is always everything up
 * to one position, and "after position p" never skips an event that committed late.
 */
@Service
public class ReceptionEvents {

    private static final Logger log = LoggerFactory.getLogger(ReceptionEvents.class);
    /** As many as an open stream replays on reconnection (LiveEventHub); a larger gap is a resync only. */
    private static final int CATCH_UP_LIMIT = 1000;

    private static final String SELECT = """
            SELECT position, occurred_at, type, office_id, department_id, ticket_number, counter_id, to_status
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
        // Only the listening thread uses it after this. The log's end now: what commits from here on is this
        // subscriber's, also when the listening connection is lost before it has delivered a single event.
        AtomicLong lastSeen = new AtomicLong(latestPosition());
        notifications.subscribe(EventLog.CHANNEL, payload -> deliverAfter(lastSeen, listener, onResync), () -> {
            catchUp(lastSeen, listener);
            onResync.run();
        });
    }

    /**
     * A commit was notified: everything committed after the last position seen is read, not only the notified ids.
     * Notifications and positions share the commit order, so that is exactly this commit's events and any that an
     * earlier read failed to get (the database went away just then); none is ever skipped for good.
     */
    private void deliverAfter(AtomicLong lastSeen, Consumer<List<LiveEvent>> listener, Runnable onResync) {
        List<LiveEvent> events;
        try {
            events = after(lastSeen.get());
        } catch (DataAccessException e) {
            // Read again with the next notification, or the catch-up once the listening connection is back.
            log.warn("Could not read the events of a commit; they follow with the next one: {}", e.toString());
            return;
        }
        if (events.size() > CATCH_UP_LIMIT) {
            lastSeen.set(latestPosition());
            onResync.run();
            return;
        }
        if (!events.isEmpty()) {
            lastSeen.set(events.get(events.size() - 1).id());
            listener.accept(events);
        }
    }

    private List<LiveEvent> after(long position) {
        return jdbc.sql(SELECT + " WHERE position > :after ORDER BY position LIMIT :limit")
                .param("after", position).param("limit", CATCH_UP_LIMIT + 1).query(ReceptionEvents::liveEvent).list();
    }

    /** The highest position committed so far; 0 for an empty log (or when it cannot be read: then all is new). */
    private long latestPosition() {
        try {
            return jdbc.sql("SELECT coalesce(max(position), 0) FROM reception.event").query(Long.class).single();
        } catch (DataAccessException e) {
            log.warn("Could not read the end of the event log: {}", e.toString());
            return 0;
        }
    }

    /**
     * The listening connection is back (it listens again before this runs, so nothing committed from now on is
     * missed): what was committed after the last event seen is read once. A gap larger than a screen would replay
     * is left to the resync.
     */
    private void catchUp(AtomicLong lastSeen, Consumer<List<LiveEvent>> listener) {
        try {
            List<LiveEvent> missed = after(lastSeen.get());
            if (missed.isEmpty()) {
                return;
            }
            if (missed.size() > CATCH_UP_LIMIT) {
                lastSeen.set(latestPosition());
                return;
            }
            lastSeen.set(missed.get(missed.size() - 1).id());
            listener.accept(missed);
        } catch (DataAccessException e) {
            log.warn("Could not read the events committed while the notification connection was lost: {}", e.toString());
        }
    }

    /** The events with these row ids (as notified), in commit order. */
    public List<LiveEvent> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE id IN (:ids) ORDER BY position").param("ids", ids)
                .query(ReceptionEvents::liveEvent).list();
    }

    /** Events of an office after position {@code after}, in commit order, for a subscriber catching up. */
    public List<LiveEvent> since(String officeId, long after, int limit) {
        return jdbc.sql(SELECT + " WHERE office_id = :o AND position > :after ORDER BY position LIMIT :limit")
                .param("o", officeId).param("after", after).param("limit", limit)
                .query(ReceptionEvents::liveEvent).list();
    }

    private static LiveEvent liveEvent(ResultSet rs, int n) throws SQLException {
        int number = rs.getInt("ticket_number");
        Integer ticketNumber = rs.wasNull() ? null : number;
        String to = rs.getString("to_status");
        return new LiveEvent(rs.getLong("position"), ReceptionService.instant(rs, "occurred_at"),
                EventType.valueOf(rs.getString("type")), rs.getString("office_id"), rs.getString("department_id"),
                ticketNumber, rs.getString("counter_id"), to == null ? null : VisitStatus.valueOf(to));
    }
}

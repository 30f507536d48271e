package org.madoguchi.reception;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.madoguchi.platform.ClusterNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Committed reception events for live subscribers. Every node learns of each commit through one database
 * notification with the new event ids and reads those events once, whatever the number of viewers.
 */
@Service
public class ReceptionEvents {

    private static final String SELECT = """
            SELECT id, occurred_at, type, office_id, department_id, ticket_number, counter_id, to_status
            FROM reception.event""";

    private final JdbcClient jdbc;
    private final ClusterNotifications notifications;

    ReceptionEvents(JdbcClient jdbc, ClusterNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /** Calls {@code listener} with the events of each commit, on every node; {@code onResync} after a gap. */
    public void subscribe(Consumer<List<LiveEvent>> listener, Runnable onResync) {
        notifications.subscribe(EventLog.CHANNEL, payload -> {
            List<Long> ids = Arrays.stream(payload.split(",")).map(Long::valueOf).toList();
            listener.accept(byIds(ids));
        }, onResync);
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

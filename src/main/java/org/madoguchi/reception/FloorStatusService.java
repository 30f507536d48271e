package org.madoguchi.reception;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The floor manager's overview and the display board's recent calls, read on top of {@link ReceptionService#summary}
 * so that waiting counts and waits are computed in one place.
 */
@Service
public class FloorStatusService {

    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final JdbcClient jdbc;
    private final FloorStatusProperties properties;
    private final BusinessClock clock;

    FloorStatusService(ReceptionService reception, FloorDirectory floors, JdbcClient jdbc,
                       FloorStatusProperties properties, BusinessClock clock) {
        this.reception = reception;
        this.floors = floors;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    public FloorStatus status(String officeId) {
        Floor floor = floors.floor(officeId);
        OfficeSummary summary = reception.summary(officeId);
        Map<String, Integer> open = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        jdbc.sql("""
                        SELECT cd.department_id, count(*) AS total, count(c.open_staff_id) AS open
                        FROM reception.counter_department cd JOIN reception.counter c ON c.id = cd.counter_id
                        WHERE c.office_id = :o GROUP BY cd.department_id""")
                .param("o", officeId)
                .query(rs -> {
                    total.put(rs.getString(1), rs.getInt(2));
                    open.put(rs.getString(1), rs.getInt(3));
                });
        Map<String, Integer> absent = new HashMap<>();
        jdbc.sql("""
                        SELECT v.department_id, count(*) FROM reception.ticket t JOIN reception.visit v ON v.ticket_id = t.id
                        WHERE t.office_id = :o AND t.status = 'OPEN' AND v.status = 'ABSENT' GROUP BY v.department_id""")
                .param("o", officeId)
                .query(rs -> {
                    absent.put(rs.getString(1), rs.getInt(2));
                });
        long threshold = properties.waitAlert().toSeconds();
        List<FloorStatus.Department> departments = new ArrayList<>();
        for (OfficeSummary.Department d : summary.departments()) {
            boolean alert = d.longestWaitSeconds() != null && d.longestWaitSeconds() > threshold;
            departments.add(new FloorStatus.Department(d.id(), d.nameJa(), d.nameEn(), d.waiting(), d.atCounter(),
                    d.longestWaitSeconds(), open.getOrDefault(d.id(), 0), total.getOrDefault(d.id(), 0),
                    absent.getOrDefault(d.id(), 0), alert));
        }
        return new FloorStatus(floor.office().id(), summary.asOf(), summary.lastEventId(), threshold, departments);
    }

    /** Today's latest calls and recalls at an office, newest first, for the board's history. */
    public List<FloorStatus.RecentCall> recentCalls(String officeId, int limit) {
        Floor floor = floors.floor(officeId);
        ZoneId zone = ZoneId.of(floor.office().timeZone());
        Instant startOfDay = LocalDate.ofInstant(clock.instant(), zone).atStartOfDay(zone).toInstant();
        return jdbc.sql("""
                        SELECT ticket_number, department_id, counter_id, occurred_at FROM reception.event
                        WHERE office_id = :o AND type IN ('CALLED', 'RECALLED') AND occurred_at >= :since
                          AND counter_id IS NOT NULL AND ticket_number IS NOT NULL
                        ORDER BY id DESC LIMIT :limit""")
                .param("o", officeId).param("since", OffsetDateTime.ofInstant(startOfDay, zone))
                .param("limit", Math.max(1, Math.min(limit, 50)))
                .query((rs, n) -> recentCall(floor, rs))
                .list();
    }

    private static FloorStatus.RecentCall recentCall(Floor floor, ResultSet rs) throws SQLException {
        String counterId = rs.getString("counter_id");
        Floor.Counter counter = floor.counter(counterId).orElse(null);
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new FloorStatus.RecentCall(rs.getInt("ticket_number"), rs.getString("department_id"), counterId,
                counter == null ? counterId : counter.labelJa(), counter == null ? counterId : counter.labelEn(),
                at == null ? null : at.toInstant());
    }
}

package org.madoguchi.navigator;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.navigator.flow.FlowCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Anonymous usage of the procedure navigator, per flow (life event or certificate group) and day: how many
 * started a flow, reached its outcome, and had its plan scanned at the kiosk or typed at a counter. The audit
 * could not tell whether its publicity worked; statistics and KPIs read these counts from here.
 */
@Service
public class NavigatorUsage {

    /** Days are counted in the ward's zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    public enum Measure { STARTED, COMPLETED, SCANNED }

    /** One flow's counts on one day. */
    public record DailyCount(LocalDate day, String flowId, long started, long completed, long scanned) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    private final FlowCatalog catalog;

    NavigatorUsage(JdbcClient jdbc, Clock clock, FlowCatalog catalog) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.catalog = catalog;
    }

    /** Every flow's id and Japanese title, in the navigator's own order, for reports that name the flows. */
    public Map<String, String> flowTitlesJa() {
        Map<String, String> titles = new LinkedHashMap<>();
        catalog.flows().forEach(f -> titles.put(f.id(), f.title().ja()));
        return titles;
    }

    /** Counts per flow and day, {@code from} and {@code to} included; days without use are absent. */
    @Transactional(readOnly = true)
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT day, flow_id, started, completed, scanned FROM navigator.usage_daily
                        WHERE day BETWEEN :from AND :to ORDER BY day, flow_id""")
                .param("from", from).param("to", to)
                .query((rs, n) -> new DailyCount(rs.getObject("day", LocalDate.class), rs.getString("flow_id"),
                        rs.getLong("started"), rs.getLong("completed"), rs.getLong("scanned")))
                .list();
    }

    /** Adds one to today's count; its own transaction, so a count never rolls back or blocks the visitor's step. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void count(String flowId, Measure measure) {
        String column = switch (measure) {
            case STARTED -> "started";
            case COMPLETED -> "completed";
            case SCANNED -> "scanned";
        };
        jdbc.sql("INSERT INTO navigator.usage_daily (day, flow_id, " + column + ") VALUES (:day, :flow, 1) "
                        + "ON CONFLICT (day, flow_id) DO UPDATE SET " + column + " = navigator.usage_daily." + column + " + 1")
                .param("day", LocalDate.ofInstant(clock.instant(), ZONE)).param("flow", flowId).update();
    }
}

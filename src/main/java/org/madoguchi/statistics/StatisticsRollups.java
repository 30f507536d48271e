package org.madoguchi.statistics;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the rollups of {@code statistics.visit_fact} (migration V14): {@code rollup_day} per office, department
 * and day with a one-second wait histogram, {@code rollup_hour} per office, department, counter, day and hour.
 * Triggers on visit_fact keep them current for every writer, so this class only reads them (and rebuilds them
 * when the time zone setting changes). Counts and sums are exact; median and 90th percentile come from the
 * histogram and are exact for whole-second waits, otherwise at most one second low.
 */
@Service
public class StatisticsRollups {

    private static final Logger log = LoggerFactory.getLogger(StatisticsRollups.class);

    /** Sums over some rollup rows; waits in seconds. */
    public static final class Totals {
        long visits;
        long firstSteps;
        long handedOver;
        long called;
        long absent;
        long completed;
        long waitN;
        double waitSum;
        long serviceN;
        double serviceSum;
        long sinceN;
        double sinceSum;
        Double waitMin;
        Double waitMax;
        final TreeMap<Integer, Long> histogram = new TreeMap<>();

        public long visits() {
            return visits;
        }

        public long firstSteps() {
            return firstSteps;
        }

        public long called() {
            return called;
        }

        public long absent() {
            return absent;
        }

        public long completed() {
            return completed;
        }

        public long waitCount() {
            return waitN;
        }

        public Double waitAverage() {
            return waitN == 0 ? null : waitSum / waitN;
        }

        public Double waitMin() {
            return waitMin;
        }

        public Double serviceAverage() {
            return serviceN == 0 ? null : serviceSum / serviceN;
        }

        /** Original issue → first call, handed-over visits only. */
        public Double sinceIssueAverage() {
            return sinceN == 0 ? null : sinceSum / sinceN;
        }

        public Double waitMax() {
            return waitMax;
        }

        /** {@code percentile_cont(p)} over the histogram: linear interpolation between neighbouring waits. */
        public Double waitPercentile(double p) {
            if (waitN == 0) {
                return null;
            }
            double position = p * (waitN - 1);
            long lower = (long) Math.floor(position);
            long upper = (long) Math.ceil(position);
            double a = orderStatistic(lower);
            double b = orderStatistic(upper);
            return a + (position - lower) * (b - a);
        }

        /** The k-th smallest wait (0-based): the first and the last are known exactly. */
        private double orderStatistic(long k) {
            if (k == 0) {
                return waitMin;
            }
            if (k == waitN - 1) {
                return waitMax;
            }
            long seen = 0;
            for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
                seen += e.getValue();
                if (k < seen) {
                    return Math.max(waitMin, Math.min(waitMax, e.getKey()));
                }
            }
            return waitMax;
        }

        void add(ResultSet rs, boolean withHistogram) throws SQLException {
            visits += rs.getLong("visits");
            called += rs.getLong("called");
            waitN += rs.getLong("wait_n");
            waitSum += rs.getDouble("wait_sum");
            serviceN += rs.getLong("service_n");
            serviceSum += rs.getDouble("service_sum");
            if (withHistogram) {
                sinceN += rs.getLong("since_n");
                sinceSum += rs.getDouble("since_sum");
                firstSteps += rs.getLong("first_steps");
                handedOver += rs.getLong("handed_over");
                absent += rs.getLong("absent");
                double min = rs.getDouble("wait_min");
                if (!rs.wasNull()) {
                    waitMin = waitMin == null ? min : Math.min(waitMin, min);
                }
                double max = rs.getDouble("wait_max");
                if (!rs.wasNull()) {
                    waitMax = waitMax == null ? max : Math.max(waitMax, max);
                }
                Integer[] seconds = ints(rs.getArray("wait_hist_seconds"));
                Integer[] counts = ints(rs.getArray("wait_hist_counts"));
                for (int i = 0; i < seconds.length; i++) {
                    histogram.merge(seconds[i], (long) counts[i], Long::sum);
                }
            } else if (hasColumn(rs, "completed")) {
                completed += rs.getLong("completed");
            }
        }

        private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnLabel(i).equals(name)) {
                    return true;
                }
            }
            return false;
        }

        private static Integer[] ints(Array array) throws SQLException {
            return array == null ? new Integer[0] : (Integer[]) array.getArray();
        }
    }

    /** How day rows are grouped: by month ("2023-08") or by day ("2023-08-10"). */
    public enum DayUnit { MONTH, DAY }

    private final JdbcClient jdbc;
    private final StatisticsProperties properties;

    StatisticsRollups(JdbcClient jdbc, StatisticsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The rollups' hours are local hours of the configured zone; a changed setting means rebuilding them. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void alignTimeZone() {
        String zone = properties.zone().getId();
        String stored = jdbc.sql("SELECT time_zone FROM statistics.rollup_config WHERE id = 1").query(String.class).single();
        if (!stored.equals(zone)) {
            log.info("statistics: rebuilding the rollups for time zone {} (was {})", zone, stored);
            jdbc.sql("UPDATE statistics.rollup_config SET time_zone = :z WHERE id = 1").param("z", zone).update();
            rebuild();
        }
    }

    /** Recomputes every rollup row from visit_fact (the triggers make this unnecessary in normal operation). */
    @Transactional
    public void rebuild() {
        jdbc.sql("TRUNCATE statistics.rollup_day, statistics.rollup_hour").update();
        jdbc.sql("""
                SELECT statistics.refresh_rollups(array_agg(office_id), array_agg(department_id), array_agg(service_date))
                FROM (SELECT DISTINCT office_id, department_id, service_date FROM statistics.visit_fact) k""")
                .query((rs, n) -> null).list();
    }

    /** Day rows of an office between two dates (both included), per department and then per month or day. */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Totals>> byDepartmentAnd(DayUnit unit, String officeId, String departmentId,
                                                             LocalDate from, LocalDate to) {
        return byDepartmentAnd(unit, officeId, departmentId, from, to, false);
    }

    private Map<String, Map<String, Totals>> byDepartmentAnd(DayUnit unit, String officeId, String departmentId,
                                                             LocalDate from, LocalDate to, boolean histogram) {
        String key = unit == DayUnit.MONTH ? "to_char(service_date, 'YYYY-MM')" : "to_char(service_date, 'YYYY-MM-DD')";
        Map<String, Map<String, Totals>> result = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT department_id, %s AS k, visits, first_steps, handed_over, called, absent, wait_n, wait_sum,
                               wait_min, wait_max, service_n, service_sum, since_n, since_sum, %s
                        FROM statistics.rollup_day
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to
                          AND (CAST(:department AS text) IS NULL OR department_id = :department)""".formatted(key,
                                histogram ? "wait_hist_seconds, wait_hist_counts" : "NULL::int[] AS wait_hist_seconds, NULL::int[] AS wait_hist_counts"))
                .param("office", officeId).param("from", from).param("to", to).param("department", departmentId)
                .query((rs, n) -> {
                    result.computeIfAbsent(rs.getString("department_id"), d -> new TreeMap<>())
                            .computeIfAbsent(rs.getString("k"), k -> new Totals()).add(rs, true);
                    return null;
                }).list();
        return result;
    }

    /** Day rows per department and day ("2023-08-10"), each with its wait histogram. */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Totals>> byDepartmentAndDayWithHistogram(String officeId, LocalDate from, LocalDate to) {
        return byDepartmentAnd(DayUnit.DAY, officeId, null, from, to, true);
    }

    /** Day rows summed per department. */
    @Transactional(readOnly = true)
    public Map<String, Totals> byDepartment(String officeId, String departmentId, LocalDate from, LocalDate to) {
        Map<String, Totals> result = new HashMap<>();
        byDepartmentAnd(DayUnit.DAY, officeId, departmentId, from, to, true).forEach((d, days) -> {
            Totals sum = new Totals();
            days.values().forEach(t -> merge(sum, t));
            result.put(d, sum);
        });
        return result;
    }

    private static void merge(Totals into, Totals t) {
        into.visits += t.visits;
        into.firstSteps += t.firstSteps;
        into.handedOver += t.handedOver;
        into.called += t.called;
        into.absent += t.absent;
        into.waitN += t.waitN;
        into.waitSum += t.waitSum;
        into.serviceN += t.serviceN;
        into.serviceSum += t.serviceSum;
        into.sinceN += t.sinceN;
        into.sinceSum += t.sinceSum;
        if (t.waitMin != null) {
            into.waitMin = into.waitMin == null ? t.waitMin : Math.min(into.waitMin, t.waitMin);
            into.waitMax = into.waitMax == null ? t.waitMax : Math.max(into.waitMax, t.waitMax);
        }
        t.histogram.forEach((s, n) -> into.histogram.merge(s, n, Long::sum));
    }

    /** Day rows summed per step of the itinerary (1, 2, 3 = third or later), with the wait histogram: 工程別. */
    @Transactional(readOnly = true)
    public Map<Integer, Totals> byStep(String officeId, String departmentId, LocalDate from, LocalDate to) {
        Map<Integer, Totals> result = new TreeMap<>();
        jdbc.sql("""
                        SELECT step, visits, first_steps, handed_over, called, absent, wait_n, wait_sum, wait_min, wait_max,
                               service_n, service_sum, since_n, since_sum, wait_hist_seconds, wait_hist_counts
                        FROM statistics.rollup_day
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to
                          AND (CAST(:department AS text) IS NULL OR department_id = :department)""")
                .param("office", officeId).param("from", from).param("to", to).param("department", departmentId)
                .query((rs, n) -> {
                    result.computeIfAbsent(rs.getInt("step"), k -> new Totals()).add(rs, true);
                    return null;
                }).list();
        return result;
    }

    /** Visits, waits and services per procedure ('' = none recorded); averages only. */
    @Transactional(readOnly = true)
    public Map<String, Totals> byProcedure(String officeId, String departmentId, LocalDate from, LocalDate to) {
        Map<String, Totals> result = new HashMap<>();
        jdbc.sql("""
                        SELECT procedure_id, sum(visits) AS visits, 0 AS called, sum(wait_n) AS wait_n, sum(wait_sum) AS wait_sum,
                               sum(service_n) AS service_n, sum(service_sum) AS service_sum
                        FROM statistics.rollup_procedure
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to
                          AND (CAST(:department AS text) IS NULL OR department_id = :department)
                        GROUP BY 1""")
                .param("office", officeId).param("from", from).param("to", to).param("department", departmentId)
                .query((rs, n) -> {
                    result.computeIfAbsent(rs.getString("procedure_id"), k -> new Totals()).add(rs, false);
                    return null;
                }).list();
        return result;
    }

    /** Hour rows per department and local hour ("09"); no histogram at this level. */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Totals>> byDepartmentAndHour(String officeId, String departmentId, LocalDate from,
                                                                 LocalDate to) {
        Map<String, Map<String, Totals>> result = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT department_id, lpad(hour::text, 2, '0') AS k, sum(visits) AS visits, sum(called) AS called,
                               sum(completed) AS completed, sum(wait_n) AS wait_n, sum(wait_sum) AS wait_sum,
                               sum(service_n) AS service_n, sum(service_sum) AS service_sum
                        FROM statistics.rollup_hour
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to
                          AND (CAST(:department AS text) IS NULL OR department_id = :department)
                        GROUP BY 1, 2""")
                .param("office", officeId).param("from", from).param("to", to).param("department", departmentId)
                .query((rs, n) -> {
                    result.computeIfAbsent(rs.getString("department_id"), d -> new TreeMap<>())
                            .computeIfAbsent(rs.getString("k"), k -> new Totals()).add(rs, false);
                    return null;
                }).list();
        return result;
    }

    /** Visits by ISO weekday (index 0 = Monday) and local hour of arrival, as the dashboard's heat map. */
    @Transactional(readOnly = true)
    public long[][] visitsByWeekdayAndHour(String officeId, String departmentId, LocalDate from, LocalDate to) {
        long[][] counts = new long[7][24];
        jdbc.sql("""
                        SELECT extract(isodow FROM service_date)::int AS d, hour AS h, sum(visits) AS n
                        FROM statistics.rollup_hour
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to
                          AND (CAST(:department AS text) IS NULL OR department_id = :department)
                        GROUP BY 1, 2""")
                .param("office", officeId).param("from", from).param("to", to).param("department", departmentId)
                .query((rs, n) -> {
                    int h = rs.getInt("h");
                    if (h >= 0 && h < 24) {
                        counts[rs.getInt("d") - 1][h] = rs.getLong("n");
                    }
                    return null;
                }).list();
        return counts;
    }

    /** The fiscal years in which the office has any record, oldest first. */
    @Transactional(readOnly = true)
    public List<FiscalYear> fiscalYearsWithRecords(String officeId) {
        return jdbc.sql("""
                        SELECT DISTINCT extract(year FROM service_date)::int
                               - CASE WHEN extract(month FROM service_date) < 4 THEN 1 ELSE 0 END AS fy
                        FROM statistics.rollup_day WHERE office_id = :office ORDER BY 1""")
                .param("office", officeId).query(Integer.class).list().stream()
                .filter(y -> y >= 1989 && y <= 9999).map(FiscalYear::new).toList();
    }

    /** Tickets issued (first steps) per department and fiscal year, for 図表3. */
    @Transactional(readOnly = true)
    public Map<String, Long> firstStepsByDepartmentAndFiscalYear(String officeId, LocalDate from, LocalDate to) {
        Map<String, Long> found = new HashMap<>();
        jdbc.sql("""
                        SELECT department_id,
                               extract(year FROM service_date)::int - CASE WHEN extract(month FROM service_date) < 4 THEN 1 ELSE 0 END AS fy,
                               sum(first_steps) AS n
                        FROM statistics.rollup_day
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to
                        GROUP BY 1, 2""")
                .param("office", officeId).param("from", from).param("to", to)
                .query((rs, n) -> found.put(rs.getString(1) + "/" + rs.getInt(2), rs.getLong(3))).list();
        return found;
    }

    /** Waits counted and summed per department and month ("2023-08"), for 図表4-1. */
    @Transactional(readOnly = true)
    public List<Object[]> waitsByDepartmentAndMonth(String officeId, LocalDate from, LocalDate to) {
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("""
                        SELECT department_id, to_char(service_date, 'YYYY-MM') AS m, sum(wait_n) AS n, sum(wait_sum) AS s
                        FROM statistics.rollup_day
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to AND wait_n > 0
                        GROUP BY 1, 2 ORDER BY 1, 2""")
                .param("office", officeId).param("from", from).param("to", to)
                .query((rs, n) -> rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)}))
                .list();
        return rows;
    }
}

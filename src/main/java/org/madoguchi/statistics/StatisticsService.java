package org.madoguchi.statistics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Measures over {@code statistics.visit_fact}. Definitions (docs/statistics.md): wait = arrival in the department's
 * queue (issue, or hand-over) → first call; service = first call → completion; since issue = the ticket's original
 * issue → first call, reported for handed-over visits; absent rate = share of called visits ever marked absent.
 */
@Service
public class StatisticsService {

    /** How measures are grouped. */
    public enum GroupBy { DEPARTMENT, COUNTER, HOUR, DAY, WEEKDAY, MONTH, FISCAL_YEAR, STEP, PROCEDURE }

    /** Which visits count: a period of service dates (both ends included) and optional filters. */
    public record Query(LocalDate from, LocalDate to, String officeId, String departmentId, String counterId) {
        public Query {
            if (from == null || to == null) {
                throw ProblemException.invalid("period-required", "集計期間（開始日と終了日）を指定してください。");
            }
            if (to.isBefore(from)) {
                throw ProblemException.invalid("period-reversed", "集計期間の終了日が開始日より前になっています。");
            }
        }

        public static Query of(LocalDate from, LocalDate to) {
            return new Query(from, to, null, null, null);
        }

        public static Query of(FiscalYear fy) {
            return of(fy.firstDay(), fy.lastDay());
        }
    }

    /** Average, median, 90th percentile, minimum and maximum in seconds; all null when nothing was measured. */
    public record Durations(long count, Double average, Double median, Double p90, Double min, Double max) {
    }

    /** The measures of one group. */
    public record Measures(String key, String label, long visits, long handedOver, long called, long absent,
                           Double absentRate, Durations waiting, Durations service, Durations sinceIssue) {
    }

    private final JdbcClient jdbc;
    private final FloorDirectory floors;
    private final StatisticsProperties properties;

    StatisticsService(JdbcClient jdbc, FloorDirectory floors, StatisticsProperties properties) {
        this.jdbc = jdbc;
        this.floors = floors;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public List<Measures> measures(Query query, GroupBy groupBy) {
        String zone = properties.zone().getId();
        String key = switch (groupBy) {
            case DEPARTMENT -> "department_id";
            case COUNTER -> "coalesce(counter_id, '')";
            // Hour of arrival in the queue, local time: when the demand came.
            case HOUR -> "lpad(extract(hour FROM (coalesce(arrived_at, issued_at) AT TIME ZONE '" + zone + "'))::int::text, 2, '0')";
            case DAY -> "to_char(service_date, 'YYYY-MM-DD')";
            case WEEKDAY -> "extract(isodow FROM service_date)::int::text";
            case MONTH -> "to_char(service_date, 'YYYY-MM')";
            case FISCAL_YEAR -> "(extract(year FROM service_date)::int - CASE WHEN extract(month FROM service_date) < 4 THEN 1 ELSE 0 END)::text";
            // 工程別: the visit's place in its ticket's itinerary (1 = where the ticket was issued).
            case STEP -> "lpad(seq::text, 2, '0')";
            // A visit for two procedures counts in both; '' = no procedure recorded.
            case PROCEDURE -> "p.procedure_id";
        };
        String from = groupBy == GroupBy.PROCEDURE
                ? "statistics.visit_fact CROSS JOIN LATERAL unnest(CASE WHEN cardinality(procedure_ids) = 0 "
                + "THEN ARRAY[''] ELSE procedure_ids END) AS p(procedure_id)"
                : "statistics.visit_fact";
        StringBuilder where = new StringBuilder("service_date BETWEEN :from AND :to");
        if (query.officeId() != null) {
            where.append(" AND office_id = :office");
        }
        if (query.departmentId() != null) {
            where.append(" AND department_id = :department");
        }
        if (query.counterId() != null) {
            where.append(" AND counter_id = :counter");
        }
        String sql = """
                SELECT %s AS k, count(*) AS visits,
                       count(*) FILTER (WHERE seq > 1) AS handed_over,
                       count(first_called_at) AS called,
                       count(*) FILTER (WHERE ever_absent) AS absent,
                       %s, %s, %s
                FROM %s WHERE %s
                GROUP BY 1 ORDER BY 1""".formatted(key, durations("wait_seconds", "w", "TRUE"),
                durations("service_seconds", "s", "TRUE"), durations("since_issue_seconds", "i", "seq > 1"), from, where);
        var statement = jdbc.sql(sql).param("from", query.from()).param("to", query.to());
        if (query.officeId() != null) {
            statement = statement.param("office", query.officeId());
        }
        if (query.departmentId() != null) {
            statement = statement.param("department", query.departmentId());
        }
        if (query.counterId() != null) {
            statement = statement.param("counter", query.counterId());
        }
        Function<String, String> labels = labeller(groupBy);
        List<Measures> result = new ArrayList<>();
        statement.query((rs, n) -> {
            long called = rs.getLong("called");
            long absent = rs.getLong("absent");
            String k = rs.getString("k");
            return new Measures(k, labels.apply(k), rs.getLong("visits"), rs.getLong("handed_over"), called, absent,
                    called == 0 ? null : (double) absent / called, durations(rs, "w"), durations(rs, "s"), durations(rs, "i"));
        }).list().forEach(result::add);
        if (groupBy == GroupBy.DEPARTMENT) {
            Map<String, Integer> order = departmentOrder();
            result.sort((a, b) -> Integer.compare(order.getOrDefault(a.key(), Integer.MAX_VALUE),
                    order.getOrDefault(b.key(), Integer.MAX_VALUE)));
        }
        return result;
    }

    private static String durations(String column, String prefix, String condition) {
        String filter = " FILTER (WHERE " + column + " IS NOT NULL AND " + condition + ")";
        return String.join(", ",
                "count(" + column + ")" + filter + " AS " + prefix + "_n",
                "avg(" + column + ")" + filter + " AS " + prefix + "_avg",
                "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + column + ")" + filter + " AS " + prefix + "_median",
                "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + column + ")" + filter + " AS " + prefix + "_p90",
                "min(" + column + ")" + filter + " AS " + prefix + "_min",
                "max(" + column + ")" + filter + " AS " + prefix + "_max");
    }

    private static Durations durations(java.sql.ResultSet rs, String prefix) throws java.sql.SQLException {
        return new Durations(rs.getLong(prefix + "_n"), value(rs, prefix + "_avg"), value(rs, prefix + "_median"),
                value(rs, prefix + "_p90"), value(rs, prefix + "_min"), value(rs, prefix + "_max"));
    }

    private static Double value(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private Function<String, String> labeller(GroupBy groupBy) {
        return switch (groupBy) {
            case DEPARTMENT -> {
                Map<String, String> names = departmentNames();
                yield k -> names.getOrDefault(k, k);
            }
            case COUNTER -> {
                Map<String, String> labels = floors.offices().stream().map(o -> floors.floor(o.id()))
                        .flatMap(f -> f.counters().stream())
                        .collect(Collectors.toMap(Floor.Counter::id, Floor.Counter::labelJa, (a, b) -> a));
                yield k -> k.isEmpty() ? "呼出なし" : labels.getOrDefault(k, k);
            }
            case HOUR -> k -> Integer.parseInt(k) + "時台";
            case DAY -> k -> k;
            case WEEKDAY -> k -> DayOfWeek.of(Integer.parseInt(k)).getDisplayName(TextStyle.SHORT, Locale.JAPANESE) + "曜日";
            case MONTH -> k -> {
                YearMonth m = YearMonth.parse(k);
                return m.getYear() + "年" + m.getMonthValue() + "月（" + FiscalYear.monthLabel(m) + "）";
            };
            case FISCAL_YEAR -> k -> new FiscalYear(Integer.parseInt(k)).labelWithWestern();
            case STEP -> k -> Integer.parseInt(k) == 1 ? "1番目の課（発券した課）" : Integer.parseInt(k) + "番目の課（窓口連携）";
            case PROCEDURE -> {
                Map<String, String> names = procedureNames();
                yield k -> k.isEmpty() ? "手続の記録なし" : names.getOrDefault(k, k);
            }
        };
    }

    Map<String, String> procedureNames() {
        return floors.offices().stream().map(o -> floors.floor(o.id())).flatMap(f -> f.procedures().stream())
                .collect(Collectors.toMap(Floor.Procedure::id, Floor.Procedure::nameJa, (a, b) -> a));
    }

    Map<String, String> departmentNames() {
        return floors.offices().stream().map(o -> floors.floor(o.id()))
                .flatMap(f -> f.departments().stream())
                .collect(Collectors.toMap(Floor.Department::id, Floor.Department::nameJa, (a, b) -> a));
    }

    private Map<String, Integer> departmentOrder() {
        List<String> ids = floors.offices().stream().map(o -> floors.floor(o.id()))
                .flatMap(f -> f.departments().stream()).map(Floor.Department::id).toList();
        return java.util.stream.IntStream.range(0, ids.size()).boxed()
                .collect(Collectors.toMap(ids::get, i -> i, (a, b) -> a));
    }

    /**
     * Visits by weekday of the service date (index 0 = Monday) and hour of arrival in the queue (0–23, local
     * time): the demand pattern of the dashboard's heat map. Same filters as {@link #measures}.
     */
    @Transactional(readOnly = true)
    public long[][] visitsByWeekdayAndHour(Query query) {
        String zone = properties.zone().getId();
        StringBuilder where = new StringBuilder("service_date BETWEEN :from AND :to");
        if (query.officeId() != null) {
            where.append(" AND office_id = :office");
        }
        if (query.departmentId() != null) {
            where.append(" AND department_id = :department");
        }
        if (query.counterId() != null) {
            where.append(" AND counter_id = :counter");
        }
        var statement = jdbc.sql("""
                SELECT extract(isodow FROM service_date)::int AS d,
                       extract(hour FROM (coalesce(arrived_at, issued_at) AT TIME ZONE '%s'))::int AS h, count(*) AS n
                FROM statistics.visit_fact WHERE %s GROUP BY 1, 2""".formatted(zone, where))
                .param("from", query.from()).param("to", query.to());
        if (query.officeId() != null) {
            statement = statement.param("office", query.officeId());
        }
        if (query.departmentId() != null) {
            statement = statement.param("department", query.departmentId());
        }
        if (query.counterId() != null) {
            statement = statement.param("counter", query.counterId());
        }
        long[][] counts = new long[7][24];
        statement.query((rs, n) -> {
            counts[rs.getInt("d") - 1][rs.getInt("h")] = rs.getLong("n");
            return null;
        }).list();
        return counts;
    }

    /** A long wait of one day: where and when, never who (ticket numbers only). */
    public record LongWait(String departmentId, String departmentName, Integer ticketNumber, String counterId,
                           String counterLabel, int seq, java.time.Instant issuedAt, java.time.Instant arrivedAt,
                           java.time.Instant calledAt, double waitSeconds) {
    }

    /** The visits of a day with the longest waits (called visits only, longest first; ties by arrival). */
    @Transactional(readOnly = true)
    public List<LongWait> longestWaits(String officeId, String departmentId, LocalDate day, int limit) {
        Map<String, String> names = departmentNames();
        Map<String, String> counters = floors.find(officeId).map(f -> f.counters().stream()
                .collect(Collectors.toMap(Floor.Counter::id, Floor.Counter::labelJa, (a, b) -> a))).orElse(Map.of());
        return jdbc.sql("""
                        SELECT department_id, ticket_number, counter_id, seq, issued_at, arrived_at, first_called_at, wait_seconds
                        FROM statistics.visit_fact
                        WHERE office_id = :office AND service_date = :day AND wait_seconds IS NOT NULL
                          AND (CAST(:department AS text) IS NULL OR department_id = :department)
                        ORDER BY wait_seconds DESC, arrived_at, source_id LIMIT :limit""")
                .param("office", officeId).param("day", day).param("department", departmentId).param("limit", limit)
                .query((rs, n) -> {
                    String department = rs.getString("department_id");
                    String counter = rs.getString("counter_id");
                    int number = rs.getInt("ticket_number");
                    Integer ticket = rs.wasNull() ? null : number;
                    return new LongWait(department, names.getOrDefault(department, department), ticket, counter,
                            counter == null ? "" : counters.getOrDefault(counter, counter), rs.getInt("seq"),
                            instant(rs, "issued_at"), instant(rs, "arrived_at"), instant(rs, "first_called_at"),
                            rs.getDouble("wait_seconds"));
                }).list();
    }

    private static java.time.Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * One counter's throughput. An open hour is approximated by an hour slot (day × local hour of arrival) in which
     * the counter called at least one visitor: reception's open/close log is not part of the statistics facts.
     */
    public record CounterThroughput(String counterId, String label, long called, long completed, long activeHours,
                                    Double completedPerHour, Double averageServiceSeconds) {
    }

    /** Visits served per counter and per active hour, from the hourly rollup; counters in floor order. */
    @Transactional(readOnly = true)
    public List<CounterThroughput> counterThroughput(Query query) {
        String officeId = query.officeId();
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        floors.offices().stream().filter(o -> officeId == null || o.id().equals(officeId)).map(o -> floors.floor(o.id()))
                .flatMap(f -> f.counters().stream()).forEach(c -> labels.put(c.id(), c.labelJa()));
        List<CounterThroughput> result = new ArrayList<>(jdbc.sql("""
                        SELECT counter_id, sum(called) AS called, sum(completed) AS completed,
                               count(DISTINCT (service_date, hour)) FILTER (WHERE called > 0) AS hours,
                               sum(service_sum) AS service_sum, sum(service_n) AS service_n
                        FROM statistics.rollup_hour
                        WHERE service_date BETWEEN :from AND :to AND counter_id <> ''
                          AND (CAST(:office AS text) IS NULL OR office_id = :office)
                          AND (CAST(:department AS text) IS NULL OR department_id = :department)
                          AND (CAST(:counter AS text) IS NULL OR counter_id = :counter)
                        GROUP BY 1""")
                .param("from", query.from()).param("to", query.to()).param("office", officeId)
                .param("department", query.departmentId()).param("counter", query.counterId())
                .query((rs, n) -> {
                    long hours = rs.getLong("hours");
                    long completed = rs.getLong("completed");
                    long serviceN = rs.getLong("service_n");
                    String id = rs.getString("counter_id");
                    return new CounterThroughput(id, labels.getOrDefault(id, id), rs.getLong("called"), completed, hours,
                            hours == 0 ? null : (double) completed / hours,
                            serviceN == 0 ? null : rs.getDouble("service_sum") / serviceN);
                }).list());
        List<String> order = new ArrayList<>(labels.keySet());
        result.sort(java.util.Comparator.comparingInt((CounterThroughput c) -> {
            int i = order.indexOf(c.counterId());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(CounterThroughput::counterId));
        return result;
    }

    /** The departments of an office in floor order, for choosing and for one line per department. */
    public List<Floor.Department> departmentsOf(String officeId) {
        return floors.find(officeId).map(Floor::departments).orElseThrow(() ->
                ProblemException.invalid("unknown-office", "指定された庁舎は見つかりません。"));
    }
}

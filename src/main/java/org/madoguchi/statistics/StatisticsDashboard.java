package org.madoguchi.statistics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manager dashboard's content for one scope: a fiscal year (by month), a month (by day) or a day (by hour),
 * for an office and optionally one department. Everything is computed here so that the page and its charts show
 * the same numbers; the charts get them as JSON in a data attribute (no inline scripts under the CSP).
 */
@Service
class StatisticsDashboard {

    enum Scope { YEAR, MONTH, DAY }

    /** One point of the time axis with its drill-down link (null at the finest level). */
    record Period(String key, String label, String shortLabel, String href) {
    }

    /** One department's line: visits and average wait in minutes (null when nobody was called) per period. */
    record Line(String departmentId, String name, List<Long> visits, List<Double> waitMinutes) {
    }

    /** One department in the comparison; waits in minutes, null when nobody was called. */
    record Comparison(String departmentId, String name, long visits, Double averageMinutes, Double p90Minutes) {
    }

    /** One weekday row of the heat map: counts per hour and a shading level 0–5 per cell. */
    record HeatRow(String weekday, List<Long> counts, List<Integer> levels) {
    }

    record Crumb(String label, String href) {
    }

    /** One department this month and in the same month a year earlier; changes in percent, null without a base. */
    record YearOnYear(String departmentId, String name, long visits, long lastYearVisits, Double visitsChange,
                      Double waitMinutes, Double lastYearWaitMinutes, Double waitChange) {
    }

    /** A step of the tickets' itineraries, or a procedure: visits and waits in minutes. */
    record Group(String key, String label, long visits, Double averageMinutes, Double medianMinutes, Double p90Minutes,
                 Double sinceIssueMinutes, Double serviceMinutes) {
    }

    /** One counter: completed visits, hours in which it called someone, completed per such hour. */
    record CounterRow(String counterId, String label, long completed, long activeHours, Double perHour,
                      Double serviceMinutes) {
    }

    /** One of the day's longest waits; times local "HH:mm". */
    record LongWait(int rank, String departmentName, String ticketNumber, String counter, String issued,
                    String arrived, String called, double waitMinutes, boolean handedOver) {
    }

    record View(Scope scope, FiscalYear fy, YearMonth month, LocalDate day, String officeId, String departmentId,
                String scopeLabel, List<Crumb> crumbs, List<Period> periods, List<Line> lines,
                List<Comparison> comparison, List<Integer> hours, List<HeatRow> heat, long total,
                List<Floor.Department> departments, YearMonth compareMonth, String compareLabel,
                List<YearOnYear> yearOnYear, LocalDate longestDay, String longestLabel, List<LongWait> longest,
                List<Group> steps, List<Group> procedures, List<CounterRow> counters, String chartJson) {
    }

    private static final int FIRST_HOUR = 8;
    private static final int LAST_HOUR = 17;

    static final int LONGEST = 10;

    private final StatisticsService statistics;
    private final StatisticsRollups rollups;
    private final StatisticsProperties properties;
    private final java.time.Clock clock;
    private final JsonMapper json;

    StatisticsDashboard(StatisticsService statistics, StatisticsRollups rollups, StatisticsProperties properties,
                        java.time.Clock clock, JsonMapper json) {
        this.statistics = statistics;
        this.rollups = rollups;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    View view(FiscalYear fy, YearMonth month, LocalDate day, String officeId, String departmentId) {
        List<Floor.Department> departments = statistics.departmentsOf(officeId);
        if (departmentId != null && departments.stream().noneMatch(d -> d.id().equals(departmentId))) {
            throw ProblemException.invalid("unknown-department", "指定された課はこの庁舎にありません。");
        }
        Scope scope = day != null ? Scope.DAY : month != null ? Scope.MONTH : Scope.YEAR;
        if (day != null) {
            month = YearMonth.from(day);
        }
        if (month != null) {
            fy = FiscalYear.of(month);
        }
        LocalDate from = switch (scope) {
            case YEAR -> fy.firstDay();
            case MONTH -> month.atDay(1);
            case DAY -> day;
        };
        LocalDate to = switch (scope) {
            case YEAR -> fy.lastDay();
            case MONTH -> month.atEndOfMonth();
            case DAY -> day;
        };
        List<Floor.Department> shown = departmentId == null ? departments
                : departments.stream().filter(d -> d.id().equals(departmentId)).toList();

        // All from the rollups (a year is some 1,500 day rows for the office), in three queries.
        Map<String, Map<String, StatisticsRollups.Totals>> byDepartment = switch (scope) {
            case YEAR -> rollups.byDepartmentAnd(StatisticsRollups.DayUnit.MONTH, officeId, departmentId, from, to);
            case MONTH -> rollups.byDepartmentAnd(StatisticsRollups.DayUnit.DAY, officeId, departmentId, from, to);
            case DAY -> rollups.byDepartmentAndHour(officeId, departmentId, from, to);
        };
        List<String> keys = keys(scope, fy, month, byDepartment);
        List<Period> periods = keys.stream().map(k -> period(scope, k, officeId, departmentId)).toList();
        List<Line> lines = new ArrayList<>();
        for (Floor.Department d : shown) {
            Map<String, StatisticsRollups.Totals> m = byDepartment.getOrDefault(d.id(), Map.of());
            lines.add(new Line(d.id(), d.nameJa(),
                    keys.stream().map(k -> m.containsKey(k) ? m.get(k).visits() : 0L).toList(),
                    keys.stream().map(k -> m.containsKey(k) ? minutes(m.get(k).waitAverage()) : null).toList()));
        }

        Map<String, StatisticsRollups.Totals> compared = rollups.byDepartment(officeId, departmentId, from, to);
        List<Comparison> comparison = shown.stream().map(d -> {
            StatisticsRollups.Totals m = compared.get(d.id());
            return m == null ? new Comparison(d.id(), d.nameJa(), 0, null, null)
                    : new Comparison(d.id(), d.nameJa(), m.visits(), minutes(m.waitAverage()), minutes(m.waitPercentile(0.9)));
        }).toList();

        long[][] matrix = rollups.visitsByWeekdayAndHour(officeId, departmentId, from, to);
        int firstHour = FIRST_HOUR;
        int lastHour = LAST_HOUR;
        long max = 0;
        for (long[] row : matrix) {
            for (int h = 0; h < 24; h++) {
                if (row[h] > 0) {
                    firstHour = Math.min(firstHour, h);
                    lastHour = Math.max(lastHour, h);
                    max = Math.max(max, row[h]);
                }
            }
        }
        List<Integer> hours = java.util.stream.IntStream.rangeClosed(firstHour, lastHour).boxed().toList();
        List<HeatRow> heat = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            long[] row = matrix[d];
            final long top = max;
            heat.add(new HeatRow(DayOfWeek.of(d + 1).getDisplayName(TextStyle.SHORT, Locale.JAPANESE),
                    hours.stream().map(h -> row[h]).toList(),
                    hours.stream().map(h -> row[h] == 0 ? 0 : (int) Math.max(1, Math.ceil(5.0 * row[h] / top))).toList()));
        }
        long total = comparison.stream().mapToLong(Comparison::visits).sum();

        // This month against the same month a year earlier: the scope's month, or for a year the current month
        // when the year is running, else its last month.
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        YearMonth compareMonth = month != null ? month
                : fy.contains(today) ? YearMonth.from(today) : YearMonth.from(fy.lastDay());
        List<YearOnYear> yearOnYear = yearOnYear(officeId, departmentId, shown, compareMonth);
        // The longest waits of the chosen day, or of today.
        LocalDate longestDay = day != null ? day : today;
        List<LongWait> longest = longest(officeId, departmentId, longestDay);

        // 工程別 waits, procedures and counters over the same scope.
        StatisticsService.Query scoped = new StatisticsService.Query(from, to, officeId, departmentId, null);
        List<Group> steps = rollups.byStep(officeId, departmentId, from, to).entrySet().stream().map(e -> {
            StatisticsRollups.Totals t = e.getValue();
            String label = e.getKey() == 1 ? "1番目の課（発券した課）"
                    : e.getKey() == 2 ? "2番目の課（窓口連携）" : "3番目以降の課（窓口連携）";
            return new Group("0" + e.getKey(), label, t.visits(), minutes(t.waitAverage()), minutes(t.waitPercentile(0.5)),
                    minutes(t.waitPercentile(0.9)), minutes(t.sinceIssueAverage()), minutes(t.serviceAverage()));
        }).toList();
        Map<String, String> procedureNames = statistics.procedureNames();
        List<Group> procedures = rollups.byProcedure(officeId, departmentId, from, to).entrySet().stream()
                .map(e -> new Group(e.getKey(), e.getKey().isEmpty() ? "手続の記録なし" : procedureNames.getOrDefault(e.getKey(), e.getKey()),
                        e.getValue().visits(), minutes(e.getValue().waitAverage()), null, null, null,
                        minutes(e.getValue().serviceAverage())))
                .sorted((a, b) -> Long.compare(b.visits(), a.visits())).toList();
        List<CounterRow> counters = statistics.counterThroughput(scoped).stream()
                .map(c -> new CounterRow(c.counterId(), c.label(), c.completed(), c.activeHours(),
                        c.completedPerHour() == null ? null : Math.round(c.completedPerHour() * 10.0) / 10.0,
                        minutes(c.averageServiceSeconds()))).toList();

        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("counters", counters);
        chart.put("yearOnYear", yearOnYear);
        chart.put("compareLabels", List.of(monthLabel(compareMonth), monthLabel(compareMonth.minusYears(1))));
        chart.put("longest", longest);
        chart.put("periods", periods.stream().map(Period::shortLabel).toList());
        chart.put("lines", lines);
        chart.put("comparison", comparison);
        return new View(scope, fy, month, day, officeId, departmentId, scopeLabel(scope, fy, month, day),
                crumbs(scope, fy, month, day, officeId, departmentId), periods, lines, comparison, hours, heat, total,
                departments, compareMonth, monthLabel(compareMonth) + "と" + monthLabel(compareMonth.minusYears(1)),
                yearOnYear, longestDay, dayLabel(longestDay), longest, steps, procedures, counters,
                json.writeValueAsString(chart));
    }


    private List<YearOnYear> yearOnYear(String officeId, String departmentId, List<Floor.Department> shown,
                                        YearMonth month) {
        YearMonth before = month.minusYears(1);
        Map<String, Map<String, StatisticsRollups.Totals>> now = rollups.byDepartmentAnd(StatisticsRollups.DayUnit.MONTH,
                officeId, departmentId, month.atDay(1), month.atEndOfMonth());
        Map<String, Map<String, StatisticsRollups.Totals>> then = rollups.byDepartmentAnd(StatisticsRollups.DayUnit.MONTH,
                officeId, departmentId, before.atDay(1), before.atEndOfMonth());
        return shown.stream().map(d -> {
            StatisticsRollups.Totals a = now.getOrDefault(d.id(), Map.of()).get(month.toString());
            StatisticsRollups.Totals b = then.getOrDefault(d.id(), Map.of()).get(before.toString());
            long visits = a == null ? 0 : a.visits();
            long lastVisits = b == null ? 0 : b.visits();
            Double wait = a == null ? null : minutes(a.waitAverage());
            Double lastWait = b == null ? null : minutes(b.waitAverage());
            Double waitChange = a == null || b == null || a.waitAverage() == null || b.waitAverage() == null
                    || b.waitAverage() == 0 ? null : change(a.waitAverage(), b.waitAverage());
            return new YearOnYear(d.id(), d.nameJa(), visits, lastVisits,
                    lastVisits == 0 ? null : change(visits, lastVisits), wait, lastWait, waitChange);
        }).toList();
    }

    /** The change from {@code base} in percent with one decimal. */
    static Double change(double value, double base) {
        return Math.round((value - base) / base * 1000.0) / 10.0;
    }

    private List<LongWait> longest(String officeId, String departmentId, LocalDate day) {
        java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("H:mm").withZone(properties.zone());
        List<StatisticsService.LongWait> waits = statistics.longestWaits(officeId, departmentId, day, LONGEST);
        List<LongWait> result = new ArrayList<>();
        for (int i = 0; i < waits.size(); i++) {
            StatisticsService.LongWait w = waits.get(i);
            result.add(new LongWait(i + 1, w.departmentName(), w.ticketNumber() == null ? "－" : w.ticketNumber().toString(),
                    w.counterLabel(), hm.format(w.issuedAt()), w.arrivedAt() == null ? "－" : hm.format(w.arrivedAt()),
                    hm.format(w.calledAt()), minutes(w.waitSeconds()), w.seq() > 1));
        }
        return result;
    }

    static String monthLabel(YearMonth m) {
        return m.getYear() + "年" + m.getMonthValue() + "月";
    }

    private static List<String> keys(Scope scope, FiscalYear fy, YearMonth month,
                                     Map<String, Map<String, StatisticsRollups.Totals>> data) {
        return switch (scope) {
            case YEAR -> java.util.stream.IntStream.range(0, 12)
                    .mapToObj(i -> YearMonth.from(fy.firstDay()).plusMonths(i).toString()).toList();
            case MONTH -> java.util.stream.IntStream.rangeClosed(1, month.lengthOfMonth())
                    .mapToObj(i -> month.atDay(i).toString()).toList();
            case DAY -> {
                int first = FIRST_HOUR;
                int last = LAST_HOUR;
                for (Map<String, StatisticsRollups.Totals> m : data.values()) {
                    for (String k : m.keySet()) {
                        first = Math.min(first, Integer.parseInt(k));
                        last = Math.max(last, Integer.parseInt(k));
                    }
                }
                yield java.util.stream.IntStream.rangeClosed(first, last)
                        .mapToObj(h -> (h < 10 ? "0" : "") + h).toList();
            }
        };
    }

    private static Period period(Scope scope, String key, String officeId, String departmentId) {
        return switch (scope) {
            case YEAR -> {
                YearMonth m = YearMonth.parse(key);
                yield new Period(key, m.getYear() + "年" + m.getMonthValue() + "月", m.getMonthValue() + "月",
                        link(officeId, departmentId, "month", key));
            }
            case MONTH -> {
                LocalDate d = LocalDate.parse(key);
                yield new Period(key, dayLabel(d), d.getDayOfMonth() + "日", link(officeId, departmentId, "day", key));
            }
            case DAY -> new Period(key, Integer.parseInt(key) + "時台", Integer.parseInt(key) + "時", null);
        };
    }

    private static String scopeLabel(Scope scope, FiscalYear fy, YearMonth month, LocalDate day) {
        return switch (scope) {
            case YEAR -> fy.labelWithWestern();
            case MONTH -> month.getYear() + "年" + month.getMonthValue() + "月（" + FiscalYear.monthLabel(month) + "）";
            case DAY -> dayLabel(day);
        };
    }

    private static List<Crumb> crumbs(Scope scope, FiscalYear fy, YearMonth month, LocalDate day, String officeId,
                                      String departmentId) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(fy.labelWithWestern(), scope == Scope.YEAR ? null
                : link(officeId, departmentId, "fy", Integer.toString(fy.year()))));
        if (month != null) {
            crumbs.add(new Crumb(month.getYear() + "年" + month.getMonthValue() + "月", scope == Scope.MONTH ? null
                    : link(officeId, departmentId, "month", month.toString())));
        }
        if (day != null) {
            crumbs.add(new Crumb(dayLabel(day), null));
        }
        return crumbs;
    }

    static String dayLabel(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日（"
                + d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.JAPANESE) + "）";
    }

    private static String link(String officeId, String departmentId, String name, String value) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/statistics");
        if (name.equals("month")) {
            // The year stays in the link so that the path of the drill-down is readable: ?fy=2023&month=2023-08.
            b.queryParam("fy", FiscalYear.of(YearMonth.parse(value)).year());
        }
        b.queryParam(name, value).queryParam("office", officeId);
        if (departmentId != null) {
            b.queryParam("department", departmentId);
        }
        return b.build().encode().toUriString();
    }

    /** Seconds to minutes with one decimal, as the charts and tables show them. */
    private static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }
}

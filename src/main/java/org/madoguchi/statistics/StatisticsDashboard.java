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

    record View(Scope scope, FiscalYear fy, YearMonth month, LocalDate day, String officeId, String departmentId,
                String scopeLabel, List<Crumb> crumbs, List<Period> periods, List<Line> lines,
                List<Comparison> comparison, List<Integer> hours, List<HeatRow> heat, long total,
                List<Floor.Department> departments, String chartJson) {
    }

    private static final int FIRST_HOUR = 8;
    private static final int LAST_HOUR = 17;

    private final StatisticsService statistics;
    private final StatisticsRollups rollups;
    private final JsonMapper json;

    StatisticsDashboard(StatisticsService statistics, StatisticsRollups rollups, JsonMapper json) {
        this.statistics = statistics;
        this.rollups = rollups;
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

        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("periods", periods.stream().map(Period::shortLabel).toList());
        chart.put("lines", lines);
        chart.put("comparison", comparison);
        return new View(scope, fy, month, day, officeId, departmentId, scopeLabel(scope, fy, month, day),
                crumbs(scope, fy, month, day, officeId, departmentId), periods, lines, comparison, hours, heat, total,
                departments, json.writeValueAsString(chart));
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

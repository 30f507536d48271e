package org.madoguchi.statistics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit's own tables (令和6年度 行政監査, 5-1 (1) ①) for any fiscal year: 図表3 tickets issued per department
 * and year, 図表4-1 the year's average wait with the shortest and longest monthly average.
 */
@Service
public class AuditTables {

    /** The audit's row order: the six linked departments of the main office. */
    static final List<String> AUDIT_ORDER = List.of("koseki-jumin", "choju", "kaigo", "koki-korei", "kokuho-nenkin",
            "kosodate");
    /** The audit's short names where the floor's name is longer. */
    private static final Map<String, String> AUDIT_NAMES = Map.of("kosodate", "子育て支援課");
    static final int MAX_YEARS = 20;

    public record Department(String id, String name) {
    }

    /** 図表3: counts[row][column] for departments × years; totals per row, per column and overall. */
    public record Table3(String officeId, List<FiscalYear> years, List<Department> departments, List<List<Long>> counts,
                         List<Long> rowTotals, List<Long> columnTotals, long total) {
    }

    /** A month's average wait; the month in the audit's form, e.g. R6.3. */
    public record MonthlyWait(YearMonth month, String monthLabel, long seconds, String formatted) {
    }

    /** One row of 図表4-1; the waits are null when the department called nobody that year. */
    public record Table41Row(Department department, Long averageSeconds, String average, MonthlyWait shortest,
                             MonthlyWait longest) {
    }

    public record Table41(String officeId, FiscalYear year, List<Table41Row> rows) {
    }

    private final StatisticsRollups rollups;
    private final FloorDirectory floors;

    AuditTables(StatisticsRollups rollups, FloorDirectory floors) {
        this.rollups = rollups;
        this.floors = floors;
    }

    /** The departments of the audit's tables for an office: the linked ones, in the audit's order first. */
    public List<Department> departments(String officeId) {
        Floor floor = floors.find(officeId).orElseThrow(() ->
                ProblemException.notFound("unknown-office", "指定された庁舎が見つかりません。"));
        List<Floor.Department> linked = new ArrayList<>(floor.departments().stream().filter(Floor.Department::linked).toList());
        linked.sort((a, b) -> Integer.compare(rank(a.id()), rank(b.id())));
        return linked.stream().map(d -> new Department(d.id(), AUDIT_NAMES.getOrDefault(d.id(), d.nameJa()))).toList();
    }

    private static int rank(String id) {
        int i = AUDIT_ORDER.indexOf(id);
        return i < 0 ? AUDIT_ORDER.size() : i;
    }

    /**
     * Tickets issued per department and fiscal year: each ticket counts once, at the department of its first
     * step (where it was issued), whatever happened to it afterwards.
     */
    @Transactional(readOnly = true)
    public Table3 table3(String officeId, FiscalYear first, FiscalYear last) {
        if (last.compareTo(first) < 0) {
            throw ProblemException.invalid("years-reversed", "終了年度が開始年度より前になっています。");
        }
        if (last.year() - first.year() + 1 > MAX_YEARS) {
            throw ProblemException.invalid("too-many-years", "一度に表示できるのは " + MAX_YEARS + " 年度分までです。");
        }
        List<Department> departments = departments(officeId);
        List<FiscalYear> years = new ArrayList<>();
        for (int y = first.year(); y <= last.year(); y++) {
            years.add(new FiscalYear(y));
        }
        // From the daily rollup: nine years are some 13,000 rows instead of millions of visits.
        Map<String, Long> found = rollups.firstStepsByDepartmentAndFiscalYear(officeId, first.firstDay(), last.lastDay());
        List<List<Long>> counts = new ArrayList<>();
        List<Long> rowTotals = new ArrayList<>();
        long[] columns = new long[years.size()];
        for (Department d : departments) {
            List<Long> row = new ArrayList<>();
            long sum = 0;
            for (int i = 0; i < years.size(); i++) {
                long n = found.getOrDefault(d.id() + "/" + years.get(i).year(), 0L);
                row.add(n);
                sum += n;
                columns[i] += n;
            }
            counts.add(row);
            rowTotals.add(sum);
        }
        List<Long> columnTotals = new ArrayList<>();
        long total = 0;
        for (long c : columns) {
            columnTotals.add(c);
            total += c;
        }
        return new Table3(officeId, years, departments, counts, rowTotals, columnTotals, total);
    }

    /**
     * The year's average wait per department (over every called visit of the year, not the mean of the months),
     * and the months with the shortest and longest average; a tie goes to the earlier month.
     */
    @Transactional(readOnly = true)
    public Table41 table41(String officeId, FiscalYear year) {
        List<Department> departments = departments(officeId);
        record Month(String department, YearMonth month, double average) {
        }
        Map<String, List<Month>> months = new LinkedHashMap<>();
        // The year's average is the sum of every wait over their number, both exact in the daily rollup.
        Map<String, double[]> yearly = new HashMap<>();
        for (Object[] r : rollups.waitsByDepartmentAndMonth(officeId, year.firstDay(), year.lastDay())) {
            String department = (String) r[0];
            long n = (Long) r[2];
            double sum = (Double) r[3];
            months.computeIfAbsent(department, k -> new ArrayList<>())
                    .add(new Month(department, YearMonth.parse((String) r[1]), sum / n));
            double[] y = yearly.computeIfAbsent(department, k -> new double[2]);
            y[0] += n;
            y[1] += sum;
        }
        List<Table41Row> rows = new ArrayList<>();
        for (Department d : departments) {
            List<Month> ms = months.getOrDefault(d.id(), List.of());
            if (ms.isEmpty()) {
                rows.add(new Table41Row(d, null, null, null, null));
                continue;
            }
            Month shortest = ms.get(0);
            Month longest = ms.get(0);
            for (Month m : ms) {
                if (seconds(m.average()) < seconds(shortest.average())) {
                    shortest = m;
                }
                if (seconds(m.average()) > seconds(longest.average())) {
                    longest = m;
                }
            }
            long average = seconds(yearly.get(d.id())[1] / yearly.get(d.id())[0]);
            rows.add(new Table41Row(d, average, minutesSeconds(average), monthly(shortest.month(), shortest.average()),
                    monthly(longest.month(), longest.average())));
        }
        return new Table41(officeId, year, rows);
    }

    private static MonthlyWait monthly(YearMonth month, double average) {
        long s = seconds(average);
        return new MonthlyWait(month, FiscalYear.monthLabel(month), s, minutesSeconds(s));
    }

    /** Whole seconds, rounded half up, as the audit shows them. */
    static long seconds(double value) {
        return Math.round(value);
    }

    /** 219 → "3 分 39 秒", the audit's form. */
    public static String minutesSeconds(long seconds) {
        return (seconds / 60) + " 分 " + (seconds % 60) + " 秒";
    }
}

package org.madoguchi.statistics;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Statistics for managers: measures and the audit's tables as JSON, CSV and a printable page. */
@Controller
class StatisticsController {

    static final String DEFAULT_OFFICE = "honcho";
    private static final int DEFAULT_YEARS = 9;

    private final StatisticsService statistics;
    private final AuditTables tables;
    private final CurrentActor actor;

    private final StatisticsDashboard dashboard;
    private final MonthlyReports reports;
    private final StatisticsRollups rollups;

    StatisticsController(StatisticsService statistics, AuditTables tables, CurrentActor actor, StatisticsDashboard dashboard,
                         MonthlyReports reports, StatisticsRollups rollups) {
        this.statistics = statistics;
        this.rollups = rollups;
        this.reports = reports;
        this.dashboard = dashboard;
        this.tables = tables;
        this.actor = actor;
    }

    @GetMapping("/api/v1/statistics/measures")
    @ResponseBody
    List<StatisticsService.Measures> measures(@RequestParam String from, @RequestParam String to,
                                              @RequestParam(required = false) String office,
                                              @RequestParam(required = false) String department,
                                              @RequestParam(required = false) String counter,
                                              @RequestParam(defaultValue = "department") String groupBy) {
        requireManager();
        StatisticsService.GroupBy group;
        try {
            group = StatisticsService.GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("unknown-group", "集計単位は department, counter, hour, day, weekday, month, "
                    + "fiscal-year, step, procedure のいずれかを指定してください。");
        }
        return statistics.measures(new StatisticsService.Query(date(from, "開始日"), date(to, "終了日"), blank(office),
                blank(department), blank(counter)), group);
    }

    /** Served visits per counter and per hour in which the counter called someone. */
    @GetMapping("/api/v1/statistics/counters")
    @ResponseBody
    List<StatisticsService.CounterThroughput> counters(@RequestParam String from, @RequestParam String to,
                                                       @RequestParam(required = false) String office,
                                                       @RequestParam(required = false) String department,
                                                       @RequestParam(required = false) String counter) {
        requireManager();
        return statistics.counterThroughput(new StatisticsService.Query(date(from, "開始日"), date(to, "終了日"), blank(office),
                blank(department), blank(counter)));
    }

    @GetMapping("/api/v1/statistics/audit/table3")
    @ResponseBody
    AuditTables.Table3 table3(@RequestParam(required = false) Integer fy, @RequestParam(required = false) Integer years,
                              @RequestParam(required = false) String office) {
        requireManager();
        return table3Of(fy, years, office);
    }

    @GetMapping("/api/v1/statistics/audit/table4-1")
    @ResponseBody
    AuditTables.Table41 table41(@RequestParam(required = false) Integer fy, @RequestParam(required = false) String office) {
        requireManager();
        return tables.table41(officeOf(office), fiscalYear(fy, office));
    }

    @GetMapping("/api/v1/statistics/audit/table3.csv")
    ResponseEntity<byte[]> table3Csv(@RequestParam(required = false) Integer fy, @RequestParam(required = false) Integer years,
                                     @RequestParam(required = false) String office) {
        requireManager();
        AuditTables.Table3 table = table3Of(fy, years, office);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditCsv.table3(table, out);
        FiscalYear last = table.years().get(table.years().size() - 1);
        return csv(out.toByteArray(), "図表3_発券数の推移_" + last.year() + ".csv");
    }

    @GetMapping("/api/v1/statistics/audit/table4-1.csv")
    ResponseEntity<byte[]> table41Csv(@RequestParam(required = false) Integer fy, @RequestParam(required = false) String office) {
        requireManager();
        FiscalYear year = fiscalYear(fy, office);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditCsv.table41(tables.table41(officeOf(office), year), out);
        return csv(out.toByteArray(), "図表4-1_待ち時間の状況_" + year.year() + ".csv");
    }

    /** The audit's tables in its layout, for reading on screen and for printing. */
    @GetMapping("/statistics/audit")
    String auditPage(@RequestParam(required = false) Integer fy, @RequestParam(required = false) String office, Model model) {
        requireManager();
        String officeId = officeOf(office);
        List<FiscalYear> withRecords = rollups.fiscalYearsWithRecords(officeId);
        FiscalYear year = fy == null ? FiscalYear.opening(withRecords, LocalDate.now()) : fiscalYear(fy, office);
        model.addAttribute("fy", year);
        model.addAttribute("officeId", officeId);
        model.addAttribute("table3", tables.table3(officeId, new FiscalYear(Math.max(1989, year.year() - DEFAULT_YEARS + 1)), year));
        model.addAttribute("table41", tables.table41(officeId, year));
        model.addAttribute("choices", choices(year, withRecords));
        return "statistics/audit";
    }

    /**
     * The managers' dashboard: a fiscal year by month, or with {@code month} a month by day, or with {@code day}
     * a day by hour; the finer parameter wins and the year follows from it.
     */
    @GetMapping("/statistics")
    String dashboardPage(@RequestParam(required = false) Integer fy, @RequestParam(required = false) String month,
                         @RequestParam(required = false) String day, @RequestParam(required = false) String office,
                         @RequestParam(required = false) String department, Model model) {
        requireManager();
        java.time.YearMonth m = null;
        if (blank(month) != null) {
            try {
                m = java.time.YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("bad-month", "月は 2023-08 の形式で指定してください。");
            }
        }
        LocalDate d = blank(day) == null ? null : date(day, "日付");
        if (m != null && d == null && fy != null && !FiscalYear.of(m).equals(fiscalYear(fy, office))) {
            throw ProblemException.invalid("month-outside-year", "指定された月は指定された年度に含まれません。");
        }
        List<FiscalYear> withRecords = rollups.fiscalYearsWithRecords(officeOf(office));
        FiscalYear year = fy == null ? FiscalYear.opening(withRecords, LocalDate.now()) : fiscalYear(fy, office);
        StatisticsDashboard.View view = dashboard.view(year, m, d, officeOf(office), blank(department));
        model.addAttribute("v", view);
        // The latest month's reports, one link per department: the numbers come to the managers.
        List<MonthlyReports.Entry> stored = reports.list(view.officeId(), 40);
        model.addAttribute("reports", stored.stream().filter(r -> r.month().equals(stored.get(0).month())).toList());
        model.addAttribute("choices", choices(view.fy(), withRecords));
        return "statistics/dashboard";
    }

    /** A year in the year list; years without any record say so, rather than opening on a page of zeros. */
    record YearChoice(FiscalYear year, boolean hasRecords) {
        public String label() {
            return year.labelWithWestern() + (hasRecords ? "" : "（記録なし）");
        }
    }

    /** Newest first, from the current year (or the shown one, if later) back to 2015 (or the shown one). */
    private static List<YearChoice> choices(FiscalYear shown, List<FiscalYear> withRecords) {
        int newest = Math.max(FiscalYear.of(LocalDate.now()).year(), shown.year());
        int oldest = Math.min(2015, shown.year());
        return java.util.stream.IntStream.rangeClosed(0, newest - oldest).mapToObj(i -> new FiscalYear(newest - i))
                .map(y -> new YearChoice(y, withRecords.contains(y))).toList();
    }

    private AuditTables.Table3 table3Of(Integer fy, Integer years, String office) {
        FiscalYear last = fiscalYear(fy, office);
        int count = years == null ? DEFAULT_YEARS : years;
        if (count < 1 || count > AuditTables.MAX_YEARS) {
            throw ProblemException.invalid("bad-years", "年度数は 1 から " + AuditTables.MAX_YEARS + " の間で指定してください。");
        }
        int first = last.year() - count + 1;
        if (first < 1989) {
            throw ProblemException.invalid("bad-years", "平成元年度（1989年度）より前の年度は集計できません。");
        }
        return tables.table3(officeOf(office), new FiscalYear(first), last);
    }

    /** Without a year: the year the pages open on ({@link FiscalYear#opening}), from the office's records. */
    private FiscalYear fiscalYear(Integer fy, String office) {
        if (fy == null) {
            return FiscalYear.opening(rollups.fiscalYearsWithRecords(officeOf(office)), LocalDate.now());
        }
        if (fy < 1989 || fy > 9999) {
            throw ProblemException.invalid("bad-fiscal-year", "年度は西暦で指定してください（例：令和5年度は 2023）。");
        }
        return new FiscalYear(fy);
    }

    private static String officeOf(String office) {
        String o = blank(office);
        return o == null ? DEFAULT_OFFICE : o;
    }

    /** An office, department or counter id filter; a control character (NUL breaks PostgreSQL text) is refused. */
    private static String blank(String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("invalid-filter", "庁舎・課・窓口の指定に使えない文字が含まれています。");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate date(String value, String name) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("bad-date", name + "は 2024-04-01 の形式で指定してください。");
        }
    }

    private static ResponseEntity<byte[]> csv(byte[] body, String name) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    /** Statistics are for managing the office, not for counter staff or devices. */
    private Actor requireManager() {
        Actor current = actor.get();
        if (current.role() != Actor.Role.MANAGER && current.role() != Actor.Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "統計は管理者と所属長のみ閲覧できます。");
        }
        return current;
    }
}

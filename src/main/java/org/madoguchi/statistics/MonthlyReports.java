package org.madoguchi.statistics;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * 月次報告: one report per office, department and month (HTML page and CSV), generated on the first of each month
 * for the previous month, at start-up for a previous month that is still missing (the application may have been
 * down on the first), and on demand for any month. Stored in {@code statistics.monthly_report} as generated.
 */
@Service
public class MonthlyReports {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);

    static final String[] CSV_HEADER = {"業務日", "曜日", "受付件数", "発券数", "呼出件数", "不在件数", "平均待ち時間（分）",
            "90パーセンタイル待ち時間（分）", "最長待ち時間（分）", "平均対応時間（分）"};

    /** A stored report without its content. */
    public record Entry(String officeId, String departmentId, String departmentName, YearMonth month, String monthLabel,
                        Instant generatedAt, long visits, Double averageWaitMinutes) {
    }

    /** One line of the report (a day, or the month's total). */
    public record Line(String label, String weekday, long visits, long tickets, long called, long absent,
                       Double averageMinutes, Double p90Minutes, Double maxMinutes, Double serviceMinutes) {
    }

    private final StatisticsRollups rollups;
    private final StatisticsService statistics;
    private final FloorDirectory floors;
    private final JdbcClient jdbc;
    private final ITemplateEngine templates;
    private final StatisticsProperties properties;
    private final Clock clock;

    MonthlyReports(StatisticsRollups rollups, StatisticsService statistics, FloorDirectory floors, JdbcClient jdbc,
                   ITemplateEngine templates, StatisticsProperties properties, Clock clock) {
        this.rollups = rollups;
        this.statistics = statistics;
        this.floors = floors;
        this.jdbc = jdbc;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock;
    }

    /** On the first of each month, early in the morning (local time), for the month that has just ended. */
    @Scheduled(cron = "${madoguchi.statistics.monthly-report-cron:0 30 6 1 * *}",
            zone = "${madoguchi.statistics.time-zone:Asia/Tokyo}")
    void monthly() {
        YearMonth previous = YearMonth.now(clock.withZone(properties.zone())).minusMonths(1);
        for (Floor.Office office : floors.offices()) {
            try {
                int n = generate(office.id(), previous).size();
                log.info("statistics: monthly reports for {} {} generated ({} departments)", office.id(), previous, n);
            } catch (RuntimeException e) {
                log.warn("statistics: monthly reports for {} {} failed: {}", office.id(), previous, e.toString());
            }
        }
    }

    /** Catches up a previous month whose reports are missing (the application was down on the first). */
    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        YearMonth previous = YearMonth.now(clock.withZone(properties.zone())).minusMonths(1);
        for (Floor.Office office : floors.offices()) {
            boolean present = jdbc.sql("SELECT count(*) FROM statistics.monthly_report WHERE office_id = :o AND month = :m")
                    .param("o", office.id()).param("m", previous.atDay(1)).query(Long.class).single() > 0;
            if (!present) {
                try {
                    generate(office.id(), previous);
                } catch (RuntimeException e) {
                    log.warn("statistics: catching up the monthly reports of {} failed: {}", previous, e.toString());
                }
            }
        }
    }

    /** Generates (or regenerates) the reports of every department of the office for the month. */
    public List<Entry> generate(String officeId, YearMonth month) {
        Floor floor = floors.find(officeId).orElseThrow(() ->
                ProblemException.invalid("unknown-office", "指定された庁舎は見つかりません。"));
        YearMonth current = YearMonth.now(clock.withZone(properties.zone()));
        if (month.isAfter(current)) {
            throw ProblemException.invalid("future-month", "これから先の月の報告は作成できません。");
        }
        if (month.getYear() < 1989) {
            throw ProblemException.invalid("month-too-early", "1989年より前の月は指定できません。");
        }
        Map<String, Map<String, StatisticsRollups.Totals>> days = rollups.byDepartmentAndDayWithHistogram(officeId,
                month.atDay(1), month.atEndOfMonth());
        Map<String, StatisticsRollups.Totals> totals = rollups.byDepartment(officeId, null, month.atDay(1), month.atEndOfMonth());
        YearMonth before = month.minusYears(1);
        Map<String, StatisticsRollups.Totals> lastYear = rollups.byDepartment(officeId, null, before.atDay(1), before.atEndOfMonth());
        Instant now = clock.instant();
        List<Entry> entries = new ArrayList<>();
        for (Floor.Department d : floor.departments()) {
            Map<String, StatisticsRollups.Totals> byDay = days.getOrDefault(d.id(), Map.of());
            List<Line> lines = new ArrayList<>();
            for (int i = 1; i <= month.lengthOfMonth(); i++) {
                LocalDate day = month.atDay(i);
                StatisticsRollups.Totals t = byDay.get(day.toString());
                if (t != null) {
                    lines.add(line(day.getMonthValue() + "月" + day.getDayOfMonth() + "日", weekday(day), t));
                }
            }
            StatisticsRollups.Totals total = totals.getOrDefault(d.id(), new StatisticsRollups.Totals());
            Line sum = line("合計", "", total);
            StatisticsRollups.Totals previousYear = lastYear.get(d.id());
            List<StatisticsService.CounterThroughput> counters = statistics.counterThroughput(
                    new StatisticsService.Query(month.atDay(1), month.atEndOfMonth(), officeId, d.id(), null));
            String html = html(floor, d, month, lines, sum, previousYear == null ? null : line("前年同月", "", previousYear),
                    counters, now);
            String csv = csv(lines, sum);
            jdbc.sql("""
                            INSERT INTO statistics.monthly_report (office_id, department_id, month, generated_at, visits,
                                average_wait_seconds, html, csv)
                            VALUES (:o, :d, :m, :at, :visits, :wait, :html, :csv)
                            ON CONFLICT (office_id, department_id, month) DO UPDATE SET generated_at = EXCLUDED.generated_at,
                                visits = EXCLUDED.visits, average_wait_seconds = EXCLUDED.average_wait_seconds,
                                html = EXCLUDED.html, csv = EXCLUDED.csv""")
                    .param("o", officeId).param("d", d.id()).param("m", month.atDay(1))
                    .param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("visits", total.visits())
                    .param("wait", total.waitAverage()).param("html", html).param("csv", csv).update();
            entries.add(new Entry(officeId, d.id(), d.nameJa(), month, monthLabel(month), now, total.visits(),
                    minutes(total.waitAverage())));
        }
        return entries;
    }

    /** Stored reports, newest month first; optionally one office only. */
    public List<Entry> list(String officeId, int limit) {
        Map<String, String> names = statistics.departmentNames();
        return jdbc.sql("""
                        SELECT office_id, department_id, month, generated_at, visits, average_wait_seconds
                        FROM statistics.monthly_report
                        WHERE CAST(:o AS text) IS NULL OR office_id = :o
                        ORDER BY month DESC, office_id, department_id LIMIT :limit""")
                .param("o", officeId).param("limit", limit)
                .query((rs, n) -> {
                    YearMonth m = YearMonth.from(rs.getObject("month", LocalDate.class));
                    double wait = rs.getDouble("average_wait_seconds");
                    Double w = rs.wasNull() ? null : wait;
                    String d = rs.getString("department_id");
                    return new Entry(rs.getString("office_id"), d, names.getOrDefault(d, d), m, monthLabel(m),
                            rs.getObject("generated_at", OffsetDateTime.class).toInstant(), rs.getLong("visits"),
                            minutes(w));
                }).list();
    }

    /** The stored page or CSV of one report. */
    public Optional<String> content(String officeId, String departmentId, YearMonth month, boolean csv) {
        return jdbc.sql("SELECT " + (csv ? "csv" : "html") + " FROM statistics.monthly_report "
                        + "WHERE office_id = :o AND department_id = :d AND month = :m")
                .param("o", officeId).param("d", departmentId).param("m", month.atDay(1)).query(String.class).optional();
    }

    private static Line line(String label, String weekday, StatisticsRollups.Totals t) {
        return new Line(label, weekday, t.visits(), t.firstSteps(), t.called(), t.absent(), minutes(t.waitAverage()),
                minutes(t.waitPercentile(0.9)), minutes(t.waitMax()), minutes(t.serviceAverage()));
    }

    private String html(Floor floor, Floor.Department d, YearMonth month, List<Line> lines, Line sum, Line lastYear,
                        List<StatisticsService.CounterThroughput> counters, Instant generatedAt) {
        Context context = new Context(Locale.JAPANESE);
        context.setVariable("office", floor.office().nameJa());
        context.setVariable("department", d.nameJa());
        context.setVariable("month", monthLabel(month));
        context.setVariable("monthEra", FiscalYear.monthLabel(month));
        context.setVariable("fiscalYear", FiscalYear.of(month).labelWithWestern());
        context.setVariable("lines", lines);
        context.setVariable("sum", sum);
        context.setVariable("lastYear", lastYear);
        Double visitsChange = lastYear == null || lastYear.visits() == 0 ? null
                : StatisticsDashboard.change(sum.visits(), lastYear.visits());
        Double waitChange = lastYear == null || lastYear.averageMinutes() == null || sum.averageMinutes() == null
                || lastYear.averageMinutes() == 0 ? null : StatisticsDashboard.change(sum.averageMinutes(), lastYear.averageMinutes());
        context.setVariable("change", visitsChange == null ? null : "前年同月と比べて、受付件数は " + signed(visitsChange)
                + (waitChange == null ? "" : "、平均待ち時間は " + signed(waitChange)) + "でした。");
        context.setVariable("counters", counters);
        context.setVariable("generatedAt", java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 H:mm")
                .withZone(properties.zone()).format(generatedAt));
        return templates.process("statistics/report", context);
    }

    private static String csv(List<Line> lines, Line sum) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        csv.writeRecord(CSV_HEADER);
        for (Line l : lines) {
            csv.writeRecord(record(l));
        }
        csv.writeRecord(record(sum));
        try {
            csv.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String[] record(Line l) {
        return new String[] {l.label(), l.weekday(), Long.toString(l.visits()), Long.toString(l.tickets()),
                Long.toString(l.called()), Long.toString(l.absent()), text(l.averageMinutes()), text(l.p90Minutes()),
                text(l.maxMinutes()), text(l.serviceMinutes())};
    }

    private static String signed(double percent) {
        return (percent > 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f", percent) + "%";
    }

    private static String text(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String monthLabel(YearMonth m) {
        return m.getYear() + "年" + m.getMonthValue() + "月";
    }

    private static String weekday(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.JAPANESE);
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }
}

package org.madoguchi.preentry;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Use of pre-entry per day, for statistics and KPIs: the audit's table 11 columns アクセス数 (pre-entries
 * started), 二次元コード生成数 (finished with a QR code), 二次元コード受付数 (QR or short code read at the
 * kiosk or a counter), and forms printed. Days are in the office's time zone ({@code madoguchi.preentry.purge-zone}).
 */
@Service
public class PreentryUsage {

    /** One day's counts; a day without any use has zeros. */
    public record Day(LocalDate date, int started, int completed, int scanned, int printed) {
    }

    private final JdbcClient jdbc;

    PreentryUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every day from {@code from} to {@code to} inclusive, in order. */
    public List<Day> daily(LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Integer>> counts = new HashMap<>();
        jdbc.sql("SELECT day, measure, count FROM preentry.daily_count WHERE day BETWEEN ? AND ?")
                .params(Date.valueOf(from), Date.valueOf(to))
                .query(rs -> {
                    counts.computeIfAbsent(rs.getDate("day").toLocalDate(), d -> new HashMap<>())
                            .put(rs.getString("measure"), rs.getInt("count"));
                });
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<String, Integer> c = counts.getOrDefault(d, Map.of());
            days.add(new Day(d, c.getOrDefault("started", 0), c.getOrDefault("completed", 0),
                    c.getOrDefault("scanned", 0), c.getOrDefault("printed", 0)));
        }
        return days;
    }

    /** The sum over {@code from}–{@code to} inclusive (a month of table 11, say). */
    public Day total(LocalDate from, LocalDate to) {
        int started = 0;
        int completed = 0;
        int scanned = 0;
        int printed = 0;
        for (Day d : daily(from, to)) {
            started += d.started();
            completed += d.completed();
            scanned += d.scanned();
            printed += d.printed();
        }
        return new Day(from, started, completed, scanned, printed);
    }
}

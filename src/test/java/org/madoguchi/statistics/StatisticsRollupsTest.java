package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.statistics.StatisticsService.GroupBy;
import org.madoguchi.statistics.StatisticsService.Measures;
import org.madoguchi.statistics.StatisticsService.Query;

/**
 * The rollups (kept by triggers on visit_fact) give the same answers as the raw table, after inserts, updates
 * that move a visit to another day or department, deletes and truncation.
 */
class StatisticsRollupsTest {

    private static final String[] DEPARTMENTS = {"koseki-jumin", "kokuho-nenkin", "kosodate", "choju"};
    private static final String[] COUNTERS = {"honcho-1", "honcho-2", "honcho-11", null};
    private final TestApp app = TestApp.shared();
    private final StatisticsService statistics = app.bean(StatisticsService.class);
    private final StatisticsRollups rollups = app.bean(StatisticsRollups.class);

    @BeforeEach
    void data() {
        Facts.clear(app);
        Random random = new Random(5);
        // Around the fiscal-year boundary (2024-03-31 / 2024-04-01) and over a few months.
        LocalDate[] days = {LocalDate.parse("2023-04-03"), LocalDate.parse("2023-08-10"), LocalDate.parse("2024-03-29"),
                LocalDate.parse("2024-04-01"), LocalDate.parse("2024-05-13")};
        for (int i = 0; i < 300; i++) {
            LocalDate day = days[random.nextInt(days.length)];
            String department = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
            int issued = 8 * 3600 + 30 * 60 + random.nextInt(8 * 3600);
            int seq = random.nextInt(10) == 0 ? 2 : 1;
            int arrived = issued + (seq > 1 ? 300 + random.nextInt(600) : 0);
            int kind = random.nextInt(20);
            String counter = COUNTERS[random.nextInt(3)];
            if (kind == 0) {
                Facts.visit(app, department, null, day.toString(), seq, t(issued), t(arrived), null, null, 0, false, "CANCELLED");
            } else if (kind == 1) {
                int called = arrived + random.nextInt(1200);
                Facts.visit(app, department, counter, day.toString(), seq, t(issued), t(arrived), t(called), null, 1, true, "DROPPED");
            } else {
                int called = arrived + random.nextInt(1800);
                int completed = called + 60 + random.nextInt(1200);
                Facts.visit(app, department, counter, day.toString(), seq, t(issued), t(arrived), t(called), t(completed),
                        random.nextInt(3) == 0 ? 1 : 0, random.nextInt(30) == 0, "COMPLETED");
            }
        }
        procedures();
    }

    private void procedures() {
        app.jdbc().sql("""
                UPDATE statistics.visit_fact SET procedure_ids = CASE ticket_number % 3
                    WHEN 0 THEN ARRAY['tennyu', 'juminhyo'] WHEN 1 THEN ARRAY['kokuho-kanyu'] ELSE '{}' END""").update();
    }

    @AfterEach
    void clean() {
        Facts.clear(app);
    }

    private static String t(int seconds) {
        int s = Math.min(seconds, 23 * 3600 + 59 * 60 + 59);
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    @Test
    void rollupAnswersEqualTheRawTable() {
        assertEqualToRaw();
    }

    @Test
    void updatesDeletesAndTruncationAreFollowed() {
        // Move visits to another day and department; delete some; add some in one statement.
        app.jdbc().sql("""
                UPDATE statistics.visit_fact SET service_date = DATE '2023-08-11', department_id = 'kaigo'
                WHERE source_id IN (SELECT source_id FROM statistics.visit_fact ORDER BY source_id LIMIT 40)""").update();
        app.jdbc().sql("""
                DELETE FROM statistics.visit_fact
                WHERE source_id IN (SELECT source_id FROM statistics.visit_fact ORDER BY source_id DESC LIMIT 30)""").update();
        app.jdbc().sql("""
                UPDATE statistics.visit_fact SET first_called_at = first_called_at + interval '7 minutes'
                WHERE department_id = 'kosodate' AND first_called_at IS NOT NULL""").update();
        assertEqualToRaw();
        // Every row of a day gone: the day's rollup rows go too.
        app.jdbc().sql("DELETE FROM statistics.visit_fact WHERE service_date = DATE '2023-04-03'").update();
        assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.rollup_day WHERE service_date = DATE '2023-04-03'")
                .query(Long.class).single()).isZero();
        assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.rollup_hour WHERE service_date = DATE '2023-04-03'")
                .query(Long.class).single()).isZero();
        assertEqualToRaw();
        Facts.clear(app);
        assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.rollup_day").query(Long.class).single()).isZero();
        assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.rollup_hour").query(Long.class).single()).isZero();
    }

    @Test
    void twoWritersOfTheSameDayTakeTurns() throws Exception {
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support
                .TransactionTemplate(app.bean(org.springframework.transaction.PlatformTransactionManager.class));
        java.util.concurrent.CountDownLatch firstWrote = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> tx.executeWithoutResult(status -> {
                Facts.visit(app, "koseki-jumin", "honcho-1", "2023-08-10", 1, "11:00:00", "11:00:00", "11:01:00", "11:02:00", 0, false, "COMPLETED");
                firstWrote.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            firstWrote.await();
            var second = pool.submit(() -> tx.executeWithoutResult(status ->
                    Facts.visit(app, "koseki-jumin", "honcho-2", "2023-08-10", 1, "11:05:00", "11:05:00", "11:09:00", "11:12:00", 0, false, "COMPLETED")));
            Thread.sleep(300);
            // The second writer waits for the first instead of racing it.
            assertThat(second.isDone()).isFalse();
            release.countDown();
            first.get(10, java.util.concurrent.TimeUnit.SECONDS);
            second.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEqualToRaw();
    }

    @Test
    void aRebuildGivesTheSameRows() {
        String snapshot = "SELECT string_agg(r::text, '|' ORDER BY r::text) FROM statistics.rollup_day r";
        String before = app.jdbc().sql(snapshot).query(String.class).single();
        rollups.rebuild();
        assertThat(app.jdbc().sql(snapshot).query(String.class).single()).isEqualTo(before);
    }

    @Test
    void percentilesOfFractionalWaitsAreWithinOneSecond() {
        app.jdbc().sql("UPDATE statistics.visit_fact SET first_called_at = first_called_at + interval '0.37 seconds' "
                + "WHERE first_called_at IS NOT NULL AND ticket_number % 2 = 0").update();
        Query year = new Query(LocalDate.parse("2023-04-01"), LocalDate.parse("2024-03-31"), "honcho", null, null);
        Map<String, StatisticsRollups.Totals> fromRollup = rollups.byDepartment("honcho", null, year.from(), year.to());
        for (Measures m : statistics.measures(year, GroupBy.DEPARTMENT)) {
            StatisticsRollups.Totals r = fromRollup.get(m.key());
            assertThat(r.waitAverage()).as(m.key()).isCloseTo(m.waiting().average(), within(1e-6));
            assertThat(r.waitPercentile(0.5)).as(m.key()).isCloseTo(m.waiting().median(), within(1.0));
            assertThat(r.waitPercentile(0.9)).as(m.key()).isCloseTo(m.waiting().p90(), within(1.0));
        }
    }

    private void assertEqualToRaw() {
        for (LocalDate[] period : List.of(
                new LocalDate[] {LocalDate.parse("2023-04-01"), LocalDate.parse("2024-03-31")},
                new LocalDate[] {LocalDate.parse("2023-08-01"), LocalDate.parse("2023-08-31")},
                new LocalDate[] {LocalDate.parse("2024-04-01"), LocalDate.parse("2024-04-01")},
                new LocalDate[] {LocalDate.parse("2023-01-01"), LocalDate.parse("2025-12-31")})) {
            Query q = new Query(period[0], period[1], "honcho", null, null);
            // Per department: counts exact, waits exact (whole seconds), percentiles equal percentile_cont.
            Map<String, StatisticsRollups.Totals> byDepartment = rollups.byDepartment("honcho", null, q.from(), q.to());
            List<Measures> raw = statistics.measures(q, GroupBy.DEPARTMENT);
            assertThat(byDepartment.keySet()).containsExactlyInAnyOrderElementsOf(raw.stream().map(Measures::key).toList());
            for (Measures m : raw) {
                StatisticsRollups.Totals r = byDepartment.get(m.key());
                assertThat(r.visits()).as(m.key()).isEqualTo(m.visits());
                assertThat(r.called()).as(m.key()).isEqualTo(m.called());
                assertThat(r.waitCount()).as(m.key()).isEqualTo(m.waiting().count());
                if (m.waiting().count() > 0) {
                    assertThat(r.waitAverage()).as(m.key()).isCloseTo(m.waiting().average(), within(1e-6));
                    assertThat(r.waitMin()).as(m.key()).isEqualTo(m.waiting().min());
                    assertThat(r.waitMax()).as(m.key()).isEqualTo(m.waiting().max());
                    assertThat(r.waitPercentile(0.5)).as(m.key()).isCloseTo(m.waiting().median(), within(1e-6));
                    assertThat(r.waitPercentile(0.9)).as(m.key()).isCloseTo(m.waiting().p90(), within(1e-6));
                }
            }
            // Per department and month, day and hour: visits and average waits.
            compareSeries(rollups.byDepartmentAnd(StatisticsRollups.DayUnit.MONTH, "honcho", null, q.from(), q.to()), q, GroupBy.MONTH);
            compareSeries(rollups.byDepartmentAnd(StatisticsRollups.DayUnit.DAY, "honcho", null, q.from(), q.to()), q, GroupBy.DAY);
            compareSeries(rollups.byDepartmentAndHour("honcho", null, q.from(), q.to()), q, GroupBy.HOUR);
            // 工程別 (steps) and procedures.
            Map<Integer, StatisticsRollups.Totals> steps = rollups.byStep("honcho", null, q.from(), q.to());
            for (Measures m : statistics.measures(q, GroupBy.STEP)) {
                StatisticsRollups.Totals r = steps.get(Integer.parseInt(m.key()));
                assertThat(r.visits()).as("step " + m.key()).isEqualTo(m.visits());
                if (m.waiting().count() > 0) {
                    assertThat(r.waitAverage()).isCloseTo(m.waiting().average(), within(1e-6));
                    assertThat(r.waitPercentile(0.5)).isCloseTo(m.waiting().median(), within(1e-6));
                    assertThat(r.waitPercentile(0.9)).isCloseTo(m.waiting().p90(), within(1e-6));
                }
                if (m.sinceIssue().count() > 0) {
                    assertThat(r.sinceIssueAverage()).isCloseTo(m.sinceIssue().average(), within(1e-6));
                }
                if (m.service().count() > 0) {
                    assertThat(r.serviceAverage()).isCloseTo(m.service().average(), within(1e-6));
                }
            }
            assertThat(steps.keySet()).hasSameSizeAs(statistics.measures(q, GroupBy.STEP));
            Map<String, StatisticsRollups.Totals> procedures = rollups.byProcedure("honcho", null, q.from(), q.to());
            List<Measures> rawProcedures = statistics.measures(q, GroupBy.PROCEDURE);
            assertThat(procedures.keySet()).containsExactlyInAnyOrderElementsOf(rawProcedures.stream().map(Measures::key).toList());
            for (Measures m : rawProcedures) {
                assertThat(procedures.get(m.key()).visits()).as(m.key()).isEqualTo(m.visits());
                if (m.waiting().count() > 0) {
                    assertThat(procedures.get(m.key()).waitAverage()).isCloseTo(m.waiting().average(), within(1e-6));
                }
                if (m.service().count() > 0) {
                    assertThat(procedures.get(m.key()).serviceAverage()).isCloseTo(m.service().average(), within(1e-6));
                }
            }
            // Heat map.
            long[][] heat = rollups.visitsByWeekdayAndHour("honcho", null, q.from(), q.to());
            long[][] rawHeat = statistics.visitsByWeekdayAndHour(q);
            assertThat(heat).isDeepEqualTo(rawHeat);
            // 図表3's first steps per fiscal year.
            Map<String, Long> firstSteps = rollups.firstStepsByDepartmentAndFiscalYear("honcho", q.from(), q.to());
            Map<String, Long> rawFirst = new HashMap<>();
            app.jdbc().sql("""
                            SELECT department_id, extract(year FROM service_date - interval '3 months')::int, count(*)
                            FROM statistics.visit_fact WHERE seq = 1 AND service_date BETWEEN :f AND :t GROUP BY 1, 2""")
                    .param("f", q.from()).param("t", q.to())
                    .query((rs, n) -> rawFirst.put(rs.getString(1) + "/" + rs.getInt(2), rs.getLong(3))).list();
            assertThat(firstSteps).isEqualTo(rawFirst);
        }
    }

    private void compareSeries(Map<String, Map<String, StatisticsRollups.Totals>> series, Query q, GroupBy unit) {
        for (String department : DEPARTMENTS) {
            Map<String, StatisticsRollups.Totals> s = series.getOrDefault(department, Map.of());
            List<Measures> raw = statistics.measures(new Query(q.from(), q.to(), "honcho", department, null), unit);
            assertThat(s.keySet()).as(department + " " + unit).containsExactlyInAnyOrderElementsOf(raw.stream().map(Measures::key).toList());
            for (Measures m : raw) {
                assertThat(s.get(m.key()).visits()).as(department + " " + m.key()).isEqualTo(m.visits());
                if (m.waiting().count() > 0) {
                    assertThat(s.get(m.key()).waitAverage()).as(department + " " + m.key())
                            .isCloseTo(m.waiting().average(), within(1e-6));
                } else {
                    assertThat(s.get(m.key()).waitAverage()).isNull();
                }
            }
        }
    }
}

package org.madoguchi.statistics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.statistics.AuditTables;
import org.madoguchi.statistics.FiscalYear;

class HistoryLoaderTest {

    private static final FiscalYear R5 = new FiscalYear(2023);
    private static TestApp app;
    private static List<HistoryLoader.YearSummary> summaries;
    private static long millis;

    @BeforeAll
    static void generateR5() {
        app = TestApp.shared();
        clean();
        long started = System.nanoTime();
        summaries = app.bean(HistoryLoader.class).load(R5, R5, Set.of(), 20231);
        millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Generated fiscal R5 (" + summaries.get(0).rows() + " rows) in " + millis + " ms");
    }

    @AfterAll
    static void clean() {
        app.jdbc().sql("DELETE FROM statistics.visit_fact WHERE source = 'generated'").update();
    }

    @Test
    void table3ForTheYearIsTheAuditsAndHandOversAreStoredButNotCounted() {
        AuditTables.Table3 t = app.bean(AuditTables.class).table3("honcho", R5, R5);
        Map<String, Long> audit = Map.of("koseki-jumin", 240_533L, "choju", 4_480L, "kaigo", 13_778L,
                "koki-korei", 17_162L, "kokuho-nenkin", 74_842L, "kosodate", 21_065L);
        assertThat(t.departments()).hasSize(6);
        for (int i = 0; i < t.departments().size(); i++) {
            assertThat(t.counts().get(i).get(0)).as(t.departments().get(i).id())
                    .isEqualTo(audit.get(t.departments().get(i).id()));
        }
        assertThat(t.total()).isEqualTo(371_860L);
        long stored = app.jdbc().sql("SELECT count(*) FROM statistics.visit_fact WHERE source = 'generated'")
                .query(Long.class).single();
        long later = app.jdbc().sql("SELECT count(*) FROM statistics.visit_fact WHERE source = 'generated' AND seq > 1")
                .query(Long.class).single();
        assertThat(later).isGreaterThan(5_000);
        assertThat(stored).isEqualTo(371_860L + later);
        assertThat(summaries.get(0).rows()).isEqualTo((int) stored);
        long dropped = app.jdbc().sql("""
                SELECT count(*) FROM statistics.visit_fact
                WHERE source = 'generated' AND outcome = 'DROPPED' AND ever_absent AND first_called_at IS NOT NULL""")
                .query(Long.class).single();
        assertThat(dropped).isBetween(stored / 100, stored / 20);
        // Opening hours only, on business days only.
        long outside = app.jdbc().sql("""
                SELECT count(*) FROM statistics.visit_fact WHERE source = 'generated' AND seq = 1
                  AND ((issued_at AT TIME ZONE 'Asia/Tokyo')::time NOT BETWEEN '08:30' AND '17:15'
                       OR extract(isodow FROM service_date) > 5)""").query(Long.class).single();
        assertThat(outside).isZero();
    }

    @Test
    void table41ForR5ReproducesTheAuditsAveragesAndLongestMonths() {
        AuditTables.Table41 t = app.bean(AuditTables.class).table41("honcho", R5);
        record Audit(long average, YearMonth shortest, long shortestSeconds, YearMonth longest, long longestSeconds) {
        }
        Map<String, Audit> audit = Map.of(
                "koseki-jumin", new Audit(219, YearMonth.of(2023, 8), 123, YearMonth.of(2024, 3), 468),
                "choju", new Audit(59, YearMonth.of(2023, 12), 20, YearMonth.of(2023, 4), 112),
                "kaigo", new Audit(87, YearMonth.of(2024, 2), 63, YearMonth.of(2023, 8), 103),
                "koki-korei", new Audit(130, YearMonth.of(2023, 5), 89, YearMonth.of(2023, 7), 172),
                "kokuho-nenkin", new Audit(365, YearMonth.of(2023, 8), 179, YearMonth.of(2024, 2), 817),
                "kosodate", new Audit(165, YearMonth.of(2023, 10), 123, YearMonth.of(2023, 8), 232));
        assertThat(t.rows()).hasSize(6);
        for (AuditTables.Table41Row row : t.rows()) {
            Audit a = audit.get(row.department().id());
            String id = row.department().id();
            assertThat((double) row.averageSeconds()).as(id).isBetween(a.average() * 0.9, a.average() * 1.1);
            assertThat(row.longest().month()).as(id).isEqualTo(a.longest());
            assertThat(row.shortest().month()).as(id).isEqualTo(a.shortest());
            assertThat((double) row.longest().seconds()).as(id).isBetween(a.longestSeconds() * 0.9, a.longestSeconds() * 1.1);
            assertThat((double) row.shortest().seconds()).as(id).isBetween(a.shortestSeconds() * 0.9, a.shortestSeconds() * 1.1);
        }
        assertThat(t.rows().get(0).average()).isEqualTo("3 分 39 秒");
    }
}

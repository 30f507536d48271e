package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.statistics.StatisticsService.GroupBy;
import org.madoguchi.statistics.StatisticsService.Measures;
import org.madoguchi.statistics.StatisticsService.Query;

/** Measures and the audit's tables on hand-made facts with known answers (see {@link Facts#standard}). */
class StatisticsMeasuresTest {

    private final TestApp app = TestApp.shared();
    private final StatisticsService statistics = app.bean(StatisticsService.class);
    private final AuditTables tables = app.bean(AuditTables.class);

    @BeforeEach
    void data() {
        Facts.clear(app);
        Facts.standard(app);
    }

    private static Map<String, Measures> byKey(List<Measures> list) {
        return list.stream().collect(Collectors.toMap(Measures::key, m -> m));
    }

    @Test
    void waitServiceAndAbsenceOfAFiscalYearPerDepartment() {
        Map<String, Measures> m = byKey(statistics.measures(Query.of(new FiscalYear(2023)), GroupBy.DEPARTMENT));
        Measures koseki = m.get("koseki-jumin");
        assertThat(koseki.label()).isEqualTo("戸籍住民課");
        assertThat(koseki.visits()).isEqualTo(4);
        assertThat(koseki.handedOver()).isEqualTo(1);
        assertThat(koseki.called()).isEqualTo(4);
        assertThat(koseki.absent()).isEqualTo(1);
        assertThat(koseki.absentRate()).isEqualTo(0.25);
        // Waits 120, 240, 300, 600.
        assertThat(koseki.waiting().count()).isEqualTo(4);
        assertThat(koseki.waiting().average()).isEqualTo(315.0);
        assertThat(koseki.waiting().median()).isEqualTo(270.0);
        assertThat(koseki.waiting().p90()).isCloseTo(510.0, within(1e-9));
        assertThat(koseki.waiting().min()).isEqualTo(120.0);
        assertThat(koseki.waiting().max()).isEqualTo(600.0);
        // Services 300, 600, 300: the dropped visit was never served.
        assertThat(koseki.service().count()).isEqualTo(3);
        assertThat(koseki.service().average()).isEqualTo(400.0);
        assertThat(koseki.service().median()).isEqualTo(300.0);
        assertThat(koseki.service().p90()).isCloseTo(540.0, within(1e-9));
        assertThat(koseki.service().min()).isEqualTo(300.0);
        assertThat(koseki.service().max()).isEqualTo(600.0);
        // Only the handed-over visit: issued 10:00, called 10:25 at the second department.
        assertThat(koseki.sinceIssue().count()).isEqualTo(1);
        assertThat(koseki.sinceIssue().average()).isEqualTo(1500.0);

        Measures kokuho = m.get("kokuho-nenkin");
        assertThat(kokuho.visits()).isEqualTo(2);
        assertThat(kokuho.called()).isEqualTo(1);
        assertThat(kokuho.absentRate()).isEqualTo(0.0);
        assertThat(kokuho.waiting().average()).isEqualTo(219.0);
        assertThat(kokuho.sinceIssue().count()).isZero();
        assertThat(kokuho.sinceIssue().average()).isNull();
        // Departments come in the floor's order.
        assertThat(statistics.measures(Query.of(new FiscalYear(2023)), GroupBy.DEPARTMENT).stream().map(Measures::key))
                .containsExactly("koseki-jumin", "kokuho-nenkin");
    }

    @Test
    void fiscalYearsSplitOnTheFirstOfApril() {
        Map<String, Measures> m = byKey(statistics.measures(new Query(LocalDate.of(2023, 3, 1), LocalDate.of(2024, 4, 30),
                "honcho", "koseki-jumin", null), GroupBy.FISCAL_YEAR));
        assertThat(m.keySet()).containsExactlyInAnyOrder("2022", "2023", "2024");
        assertThat(m.get("2022").visits()).isEqualTo(1);
        assertThat(m.get("2023").visits()).isEqualTo(4);
        assertThat(m.get("2024").visits()).isEqualTo(1);
        assertThat(m.get("2023").label()).isEqualTo("令和5年度（2023年度）");
        assertThat(m.get("2022").waiting().average()).isEqualTo(540.0);
    }

    @Test
    void daysAndHoursAreTokyoTime() {
        // 08:30 in Tokyo on 1 September is still 31 August in UTC.
        Query september = new Query(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 9, 1), null, "kokuho-nenkin", null);
        assertThat(statistics.measures(september, GroupBy.DAY)).singleElement()
                .satisfies(d -> assertThat(d.key()).isEqualTo("2023-09-01"));
        assertThat(statistics.measures(september, GroupBy.HOUR)).singleElement()
                .satisfies(h -> assertThat(h.label()).isEqualTo("8時台"));
        Map<String, Measures> months = byKey(statistics.measures(Query.of(new FiscalYear(2023)), GroupBy.MONTH));
        assertThat(months.keySet()).containsExactlyInAnyOrder("2023-08", "2023-09", "2023-10", "2024-03");
        assertThat(months.get("2024-03").label()).isEqualTo("2024年3月（R6.3）");
        // 2023-08-10 was a Thursday.
        Map<String, Measures> weekdays = byKey(statistics.measures(new Query(LocalDate.of(2023, 8, 10),
                LocalDate.of(2023, 8, 10), null, null, null), GroupBy.WEEKDAY));
        assertThat(weekdays.get("4").visits()).isEqualTo(3);
        assertThat(weekdays.get("4").label()).isEqualTo("木曜日");
    }

    @Test
    void filtersByCounter() {
        Map<String, Measures> counters = byKey(statistics.measures(Query.of(new FiscalYear(2023)), GroupBy.COUNTER));
        assertThat(counters.get("honcho-2").visits()).isEqualTo(2);
        assertThat(counters.get("honcho-1").visits()).isEqualTo(2);
        assertThat(counters.get("").label()).isEqualTo("呼出なし");
        List<Measures> one = statistics.measures(new Query(LocalDate.of(2023, 4, 1), LocalDate.of(2024, 3, 31), "honcho",
                null, "honcho-2"), GroupBy.DEPARTMENT);
        assertThat(one).singleElement().satisfies(d -> {
            assertThat(d.visits()).isEqualTo(2);
            assertThat(d.waiting().average()).isEqualTo(270.0);
        });
    }

    @Test
    void table3CountsEachTicketAtItsFirstDepartment() {
        AuditTables.Table3 t = tables.table3("honcho", new FiscalYear(2022), new FiscalYear(2024));
        assertThat(t.years().stream().map(FiscalYear::shortLabel)).containsExactly("R4", "R5", "R6");
        assertThat(t.departments().stream().map(AuditTables.Department::name)).containsExactly("戸籍住民課",
                "長寿社会推進課", "介護保険課", "後期高齢医療制度課", "国保年金課", "子育て支援課");
        // 戸籍住民課: the hand-over in fiscal 2023 is not a ticket of its own.
        assertThat(t.counts().get(0)).containsExactly(1L, 3L, 1L);
        assertThat(t.counts().get(4)).containsExactly(0L, 2L, 0L);
        assertThat(t.counts().get(1)).containsExactly(0L, 0L, 0L);
        assertThat(t.rowTotals()).containsExactly(5L, 0L, 0L, 0L, 2L, 0L);
        assertThat(t.columnTotals()).containsExactly(1L, 5L, 1L);
        assertThat(t.total()).isEqualTo(7);
    }

    @Test
    void table41GivesTheYearAndTheShortestAndLongestMonth() {
        AuditTables.Table41 t = tables.table41("honcho", new FiscalYear(2023));
        AuditTables.Table41Row koseki = t.rows().get(0);
        assertThat(koseki.department().id()).isEqualTo("koseki-jumin");
        assertThat(koseki.average()).isEqualTo("5 分 15 秒");
        // August: 120, 240, 300 → 220 s; March 2024: 600 s.
        assertThat(koseki.shortest().formatted()).isEqualTo("3 分 40 秒");
        assertThat(koseki.shortest().monthLabel()).isEqualTo("R5.8");
        assertThat(koseki.longest().formatted()).isEqualTo("10 分 0 秒");
        assertThat(koseki.longest().monthLabel()).isEqualTo("R6.3");
        AuditTables.Table41Row kokuho = t.rows().get(4);
        assertThat(kokuho.average()).isEqualTo("3 分 39 秒");
        assertThat(kokuho.shortest().monthLabel()).isEqualTo("R5.9");
        assertThat(kokuho.longest().monthLabel()).isEqualTo("R5.9");
        assertThat(t.rows().get(1).averageSeconds()).isNull();
        assertThat(AuditTables.minutesSeconds(468)).isEqualTo("7 分 48 秒");
    }
}

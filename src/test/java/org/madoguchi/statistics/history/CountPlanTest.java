package org.madoguchi.statistics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.madoguchi.statistics.FiscalYear;

class CountPlanTest {

    private static final long SEED = 20231;

    /** 図表3 as printed, typed again here so that a slip in HistoryModel cannot check itself. */
    private static final Object[][] AUDIT = {
            {"koseki-jumin", new int[] {213305, 238858, 286297, 276208, 277135, 293612, 245968, 270232, 240533}, 2342148},
            {"choju", new int[] {4342, 3727, 3479, 4209, 4277, 3264, 3522, 3811, 4480}, 35111},
            {"kaigo", new int[] {17556, 17940, 17926, 17979, 17493, 13675, 13635, 13960, 13778}, 143942},
            {"koki-korei", new int[] {14599, 16138, 16037, 18096, 17734, 15034, 15212, 17400, 17162}, 147412},
            {"kokuho-nenkin", new int[] {97362, 97748, 97841, 93978, 97158, 74873, 67190, 70460, 74842}, 771452},
            {"kosodate", new int[] {25112, 25425, 25451, 25420, 24452, 21701, 21695, 20704, 21065}, 211025},
    };
    /**
     * The audit prints 367,322 for R3 and 3,651,190 overall, but its own R3 cells add up to 367,222 (and every
     * row total matches its cells, so the misprint is in the column total). Reproducing every cell exactly
     * therefore gives 3,651,090 tickets in all.
     */
    private static final int[] COLUMN_TOTALS = {372276, 399836, 447031, 435890, 438249, 422159, 367222, 396567, 371860};

    @Test
    void theCountPlanReproducesTable3ExactlyPerDepartmentAndYear() {
        long total = 0;
        long[] columns = new long[9];
        for (Object[] row : AUDIT) {
            String department = (String) row[0];
            int[] counts = (int[]) row[1];
            long rowTotal = 0;
            for (int y = 2015; y <= 2023; y++) {
                List<CountPlan.Day> days = CountPlan.days(department, new FiscalYear(y), SEED);
                int planned = days.stream().mapToInt(CountPlan.Day::tickets).sum();
                assertThat(planned).as("%s fiscal %d", department, y).isEqualTo(counts[y - 2015]);
                rowTotal += planned;
                columns[y - 2015] += planned;
            }
            assertThat(rowTotal).as(department).isEqualTo(((Integer) row[2]).longValue());
            total += rowTotal;
        }
        for (int i = 0; i < 9; i++) {
            assertThat(columns[i]).as("column %d", 2015 + i).isEqualTo(COLUMN_TOTALS[i]);
        }
        assertThat(total).isEqualTo(3_651_090L);
    }

    @Test
    void ticketsFallOnBusinessDaysOnlyWithMondaysBusierAndTheAuditsSeasons() {
        List<CountPlan.Day> days = CountPlan.days("koseki-jumin", new FiscalYear(2023), SEED);
        // Fiscal R5 has 243 business days (weekdays without holidays and 12/29–1/3).
        assertThat(days).hasSize(243);
        for (CountPlan.Day d : days) {
            assertThat(d.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            MonthDay md = MonthDay.from(d.date());
            assertThat(md.isAfter(MonthDay.of(12, 28)) || md.isBefore(MonthDay.of(1, 4))).isFalse();
            assertThat(d.tickets()).isPositive();
        }
        assertThat(days).extracting(CountPlan.Day::date)
                .doesNotContain(LocalDate.of(2023, 5, 3), LocalDate.of(2024, 2, 23), LocalDate.of(2023, 9, 18));
        double monday = days.stream().filter(d -> d.date().getDayOfWeek() == DayOfWeek.MONDAY)
                .mapToInt(CountPlan.Day::tickets).average().orElseThrow();
        double thursday = days.stream().filter(d -> d.date().getDayOfWeek() == DayOfWeek.THURSDAY)
                .mapToInt(CountPlan.Day::tickets).average().orElseThrow();
        assertThat(monday).isGreaterThan(thursday * 1.2);
        double march = days.stream().filter(d -> d.date().getMonthValue() == 3).mapToInt(CountPlan.Day::tickets)
                .average().orElseThrow();
        double august = days.stream().filter(d -> d.date().getMonthValue() == 8).mapToInt(CountPlan.Day::tickets)
                .average().orElseThrow();
        assertThat(march).isGreaterThan(august * 1.5);
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndHandOversAreNotFirstSteps() {
        HistoryGenerator.Year a = new HistoryGenerator(SEED).year(new FiscalYear(2019), Set.of("choju", "kaigo", "koki-korei"));
        HistoryGenerator.Year b = new HistoryGenerator(SEED).year(new FiscalYear(2019), Set.of("choju", "kaigo", "koki-korei"));
        assertThat(a.visits()).hasSameSizeAs(b.visits());
        for (int i = 0; i < a.visits().size(); i += 997) {
            HistoryGenerator.Visit x = a.visits().get(i);
            HistoryGenerator.Visit y = b.visits().get(i);
            assertThat(List.of(x.department, x.date, x.number, x.seq, x.issued, x.waitSeconds, x.counter))
                    .isEqualTo(List.of(y.department, y.date, y.number, y.seq, y.issued, y.waitSeconds, y.counter));
        }
        assertThat(a.visits().stream().filter(v -> v.seq == 1).count()).isEqualTo(4277 + 17493 + 17734);
        assertThat(a.handOvers()).isPositive();
        assertThat(a.visits().stream().filter(v -> v.seq == 3).count()).isPositive();
        for (HistoryGenerator.Visit v : a.visits()) {
            if (v.seq > 1) {
                assertThat(v.department).isNotEqualTo(v.firstDepartment);
                assertThat(v.arrived).isGreaterThan(v.issued);
            }
            if (v.called()) {
                assertThat(v.calledAt()).isGreaterThanOrEqualTo(v.arrived);
            }
            assertThat(v.endedAt()).isLessThan(24 * 3600);
        }
        // Service times mostly within 5–20 minutes.
        long plausible = a.visits().stream().filter(v -> v.outcome == HistoryGenerator.Outcome.COMPLETED)
                .filter(v -> v.service >= 3 * 60 && v.service <= 25 * 60).count();
        long completed = a.visits().stream().filter(v -> v.outcome == HistoryGenerator.Outcome.COMPLETED).count();
        assertThat((double) plausible / completed).isGreaterThan(0.85);
    }
}

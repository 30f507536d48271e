package org.madoguchi.liveinfo.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The back-test behind docs/forecast.md: fit on simulated FY2021-2022, predict every business day of FY2023,
 * and beat the naive forecasts clearly. {@link #main} prints the table.
 */
class BackTestTest {

    static final LocalDate TRAIN_FROM = LocalDate.of(2021, 4, 1);
    static final LocalDate TRAIN_TO = LocalDate.of(2023, 3, 31);
    static final LocalDate TEST_FROM = LocalDate.of(2023, 4, 1);
    static final LocalDate TEST_TO = LocalDate.of(2024, 3, 31);

    private static List<BackTest.Result> results;

    @BeforeAll
    static void run() {
        results = backTest(20240401L);
        System.out.println(BackTest.table(results));
        System.out.printf("WAPE over all departments: model %.1f %%, weekday average %.1f %%, last year %.1f %%%n",
                100 * pooled(BackTest.Method.MODEL), 100 * pooled(BackTest.Method.SAME_WEEKDAY_AVERAGE),
                100 * pooled(BackTest.Method.LAST_YEAR_SAME_DAY));
    }

    static List<BackTest.Result> backTest(long seed) {
        BusinessCalendar calendar = new BusinessCalendar(HolidaySource.bundled());
        SimulatedHistory simulator = new SimulatedHistory(calendar, seed);
        Map<String, SortedMap<LocalDate, int[]>> history = simulator.generate(TRAIN_FROM, TEST_TO);
        List<BackTest.Result> out = new ArrayList<>();
        history.forEach((department, days) -> out.add(BackTest.evaluate(department,
                days.headMap(TEST_FROM), days.tailMap(TEST_FROM), calendar, 10)));
        return out;
    }

    @Test
    void everyFiscal2023BusinessDayIsPredicted() {
        assertThat(results).hasSize(10);
        // FY2023 (R5) had 243 business days, as the audit's arrival model also counts.
        assertThat(results).allSatisfy(r -> assertThat(r.days()).isEqualTo(243));
    }

    @Test
    void theModelBeatsBothNaiveForecastsOnEveryDepartment() {
        for (BackTest.Result r : results) {
            double model = r.of(BackTest.Method.MODEL).mape();
            assertThat(model).as("MAPE of %s against the weekday average", r.departmentId())
                    .isLessThan(r.of(BackTest.Method.SAME_WEEKDAY_AVERAGE).mape());
            assertThat(model).as("MAPE of %s against last year's same day", r.departmentId())
                    .isLessThan(r.of(BackTest.Method.LAST_YEAR_SAME_DAY).mape());
        }
    }

    @Test
    void andByAClearMarginWhereThereIsSeasonalityToLearn() {
        // kaigo, nozei and shogai hardly vary by month: there a weekday average is nearly as good, honestly.
        for (String department : List.of("koseki-jumin", "kokuho-nenkin", "kosodate", "koki-korei", "choju",
                "kazei", "hoiku")) {
            BackTest.Result r = results.stream().filter(x -> x.departmentId().equals(department)).findFirst().orElseThrow();
            double model = r.of(BackTest.Method.MODEL).mape();
            assertThat(model).as(department).isLessThan(0.85 * r.of(BackTest.Method.SAME_WEEKDAY_AVERAGE).mape());
            assertThat(model).as(department).isLessThan(0.85 * r.of(BackTest.Method.LAST_YEAR_SAME_DAY).mape());
        }
        // Over the whole floor (visitors missed per visitor), the model misses at most 80 % of what either baseline does.
        assertThat(pooled(BackTest.Method.MODEL)).isLessThan(0.8 * pooled(BackTest.Method.SAME_WEEKDAY_AVERAGE));
        assertThat(pooled(BackTest.Method.MODEL)).isLessThan(0.8 * pooled(BackTest.Method.LAST_YEAR_SAME_DAY));
    }

    /** Absolute error over the whole floor divided by all visitors (WAPE). */
    static double pooled(BackTest.Method method) {
        double error = results.stream().mapToDouble(r -> r.of(method).mae() * r.days()).sum();
        double visitors = results.stream().mapToDouble(r -> r.meanDaily() * r.days()).sum();
        return error / visitors;
    }

    @Test
    void largeDepartmentsArePredictedWithinTheDayToDayNoise() {
        // With 12 % day-to-day noise no forecast can do much better than about 10 %; the big counters should get close.
        for (String department : List.of("koseki-jumin", "kokuho-nenkin")) {
            BackTest.Result r = results.stream().filter(x -> x.departmentId().equals(department)).findFirst().orElseThrow();
            assertThat(r.of(BackTest.Method.MODEL).mape()).as(department).isLessThan(0.13);
            assertThat(r.of(BackTest.Method.MODEL).levelAccuracy()).as(department)
                    .isGreaterThan(r.of(BackTest.Method.SAME_WEEKDAY_AVERAGE).levelAccuracy() + 0.1);
            assertThat(r.of(BackTest.Method.MODEL).levelWithinOne()).as(department).isGreaterThan(0.9);
        }
    }

    /** Prints the back-test table: {@code ./mvnw -q test-compile exec:java} is not set up, so run it via the test. */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 20240401L;
        System.out.println(BackTest.table(backTest(seed)));
    }
}

package org.madoguchi.reception.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArrivalModelTest {

    private final ArrivalModel model = new ArrivalModel();

    /** National holidays of fiscal R5 that fell on weekdays; with 12/29 to 1/3 they leave 243 business days. */
    private static final Set<LocalDate> HOLIDAYS_R5 = Set.of(
            LocalDate.of(2023, 5, 3), LocalDate.of(2023, 5, 4), LocalDate.of(2023, 5, 5),
            LocalDate.of(2023, 7, 17), LocalDate.of(2023, 8, 11), LocalDate.of(2023, 9, 18),
            LocalDate.of(2023, 10, 9), LocalDate.of(2023, 11, 3), LocalDate.of(2023, 11, 23),
            LocalDate.of(2024, 1, 8), LocalDate.of(2024, 2, 12), LocalDate.of(2024, 2, 23),
            LocalDate.of(2024, 3, 20));

    /** 図表3, 令和5年度. */
    private static final Map<String, Integer> R5 = Map.of(
            "koseki-jumin", 240_533, "choju", 4_480, "kaigo", 13_778,
            "koki-korei", 17_162, "kokuho-nenkin", 74_842, "kosodate", 21_065);

    @Test
    void fiscalR5HasTheBusinessDaysTheDailyAverageAssumes() {
        long days = LocalDate.of(2023, 4, 1).datesUntil(LocalDate.of(2024, 4, 1))
                .filter(ArrivalModel::isBusinessDay).filter(d -> !HOLIDAYS_R5.contains(d)).count();
        assertThat(days).isEqualTo(ArrivalModel.BUSINESS_DAYS_R5);
    }

    @Test
    void averageDayIsTheAuditsYearSpreadOverBusinessDays() {
        R5.forEach((department, annual) -> {
            assertThat(ArrivalModel.fromAudit(department)).isTrue();
            assertThat(model.averageDaily(department)).as(department)
                    .isCloseTo(annual / 243.0, within(0.01));
        });
        assertThat(model.averageDaily("koseki-jumin")).isBetween(985.0, 995.0);
    }

    @Test
    void aYearOfSeasonalDaysAddsUpToTable3WithinThreePercent() {
        R5.forEach((department, annual) -> {
            double year = LocalDate.of(2023, 4, 1).datesUntil(LocalDate.of(2024, 4, 1))
                    .filter(d -> !HOLIDAYS_R5.contains(d))
                    .mapToDouble(d -> model.expectedDaily(department, d)).sum();
            assertThat(year).as(department).isCloseTo(annual, within(annual * 0.03));
        });
    }

    @Test
    void busiestMonthIsTheOneWithTheLongestWaitInTable4() {
        Map<String, Month> busiest = Map.of(
                "koseki-jumin", Month.MARCH, "choju", Month.APRIL, "koki-korei", Month.JULY,
                "kokuho-nenkin", Month.FEBRUARY, "kosodate", Month.AUGUST, "kaigo", Month.AUGUST);
        busiest.forEach((department, month) -> {
            Month found = null;
            double max = -1;
            for (Month m : Month.values()) {
                // The second Tuesday of each month: same weekday everywhere, so only the month differs.
                LocalDate day = LocalDate.of(2024, m, 1).with(java.time.temporal.TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
                double expected = model.expectedDaily(department, day);
                if (expected > max) {
                    max = expected;
                    found = m;
                }
            }
            assertThat(found).as(department).isEqualTo(month);
        });
    }

    @Test
    void marchAndAprilArePeakSeasonAtKosekiJumin() {
        double march = model.expectedDaily("koseki-jumin", LocalDate.of(2024, 3, 12));
        double april = model.expectedDaily("koseki-jumin", LocalDate.of(2023, 4, 11));
        double august = model.expectedDaily("koseki-jumin", LocalDate.of(2023, 8, 8));
        assertThat(march).isGreaterThan(august * 1.5);
        assertThat(april).isGreaterThan(august * 1.3);
    }

    @Test
    void mondayIsTheBusiestWeekday() {
        LocalDate monday = LocalDate.of(2024, 6, 10);
        double mon = model.expectedDaily("koseki-jumin", monday);
        assertThat(mon).isGreaterThan(model.expectedDaily("koseki-jumin", monday.plusDays(3)) * 1.2);
        for (int i = 1; i < 5; i++) {
            assertThat(mon).isGreaterThan(model.expectedDaily("koseki-jumin", monday.plusDays(i)));
        }
    }

    @Test
    void nobodyArrivesWhenTheOfficeIsClosed() {
        assertThat(model.expectedDaily("koseki-jumin", LocalDate.of(2024, 6, 8))).isZero();   // Saturday
        assertThat(model.expectedDaily("koseki-jumin", LocalDate.of(2024, 6, 9))).isZero();   // Sunday
        assertThat(model.expectedDaily("koseki-jumin", LocalDate.of(2025, 1, 2))).isZero();   // year-end holidays
        assertThat(model.expectedDaily("koseki-jumin", LocalDate.of(2024, 12, 30))).isZero();
        assertThat(model.slotShare(LocalTime.of(8, 29))).isZero();
        assertThat(model.slotShare(LocalTime.of(17, 15))).isZero();
        assertThat(model.slotShare(LocalTime.of(8, 30))).isPositive();
    }

    @Test
    void theIntradayProfileCoversTheWholeDay() {
        LocalDate day = LocalDate.of(2024, 6, 11);
        double whole = model.expectedBetween("kokuho-nenkin", day, ArrivalModel.OPENS, ArrivalModel.CLOSES);
        assertThat(whole).isCloseTo(model.expectedDaily("kokuho-nenkin", day), within(1e-9));
        assertThat(model.expectedBetween("kokuho-nenkin", day, LocalTime.of(6, 0), LocalTime.of(23, 0)))
                .isCloseTo(whole, within(1e-9));
    }

    @Test
    void peaksMidMorningAndEarlyAfternoonQuietAtLunchAndBeforeClosing() {
        LocalDate day = LocalDate.of(2024, 6, 11);
        double nine = hour(day, 9);
        double ten = hour(day, 10);
        double eleven = hour(day, 11);
        double lunch = hour(day, 12);
        double one = hour(day, 13);
        double two = hour(day, 14);
        double four = hour(day, 16);
        assertThat(lunch).isLessThan(ten * 0.6);
        assertThat(ten).isGreaterThan(nine).isGreaterThan(eleven);
        assertThat(one).isGreaterThan(lunch * 1.5);
        assertThat(Math.max(one, two)).isGreaterThan(hour(day, 15));
        assertThat(four).isLessThan(ten * 0.6);
        assertThat(model.expectedBetween("koseki-jumin", day, LocalTime.of(17, 0), LocalTime.of(17, 15)))
                .isLessThan(model.expectedBetween("koseki-jumin", day, LocalTime.of(10, 0), LocalTime.of(10, 15)) * 0.2);
    }

    @Test
    void ratePerMinuteIntegratesToTheSlotExpectation() {
        LocalDate day = LocalDate.of(2024, 6, 11);
        double rate = model.ratePerMinute("koseki-jumin", day.atTime(10, 5));
        assertThat(rate * 15).isCloseTo(
                model.expectedBetween("koseki-jumin", day, LocalTime.of(10, 0), LocalTime.of(10, 15)), within(1e-9));
        // An average Monday at Itabashi's 戸籍住民課 sees well over a hundred tickets in its busiest hour.
        assertThat(hour(LocalDate.of(2024, 6, 10), 10)).isBetween(100.0, 250.0);
    }

    private double hour(LocalDate day, int hour) {
        return model.expectedBetween("koseki-jumin", day, LocalTime.of(hour, 0), LocalTime.of(hour + 1, 0));
    }
}

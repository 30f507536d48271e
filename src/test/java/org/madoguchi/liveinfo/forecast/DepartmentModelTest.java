package org.madoguchi.liveinfo.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Fitting on generated history recovers the effects that were put in, and sparse cells stay near the prior. */
class DepartmentModelTest {

    private final BusinessCalendar calendar = new BusinessCalendar(HolidaySource.bundled());
    private final Map<String, SortedMap<LocalDate, int[]>> history = new SimulatedHistory(calendar, 7L)
            .generate(LocalDate.of(2021, 4, 1), LocalDate.of(2023, 3, 31));

    @Test
    void recoversTheCalendarEffectsOfABigDepartment() {
        DepartmentModel model = DepartmentModel.fit(history.get("koseki-jumin"), StandardPattern.of("koseki-jumin"),
                calendar, 10);
        assertThat(model.basis()).isEqualTo(DepartmentModel.Basis.HISTORY);
        assertThat(model.historyDays()).isEqualTo(485); // FY2021 and FY2022 business days
        // Without shrinkage the month-edge and after-holiday effects put into the history come back out…
        DepartmentModel raw = DepartmentModel.fit(history.get("koseki-jumin"), StandardPattern.of("koseki-jumin"),
                calendar, 0);
        assertThat(raw.firstFactor()).isCloseTo(SimulatedHistory.FIRST_DAY, within(0.05));
        assertThat(raw.lastFactor()).isCloseTo(SimulatedHistory.LAST_DAY, within(0.05));
        assertThat(raw.afterHolidayFactor()).isCloseTo(SimulatedHistory.AFTER_HOLIDAY, within(0.06));
        // …and with 10 pseudo-days they are pulled part of the way towards 1 (about 24 such days in two years).
        assertThat(model.firstFactor()).isBetween(1.08, raw.firstFactor());
        assertThat(model.afterHolidayFactor()).isBetween(1.12, raw.afterHolidayFactor());
        // March is the busiest month of 戸籍住民課 (moves), Monday the busiest weekday.
        assertThat(model.monthFactor(3)).isGreaterThan(1.3);
        assertThat(model.monthFactor(8)).isLessThan(0.9);
        assertThat(model.weekdayFactor(DayOfWeek.MONDAY)).isGreaterThan(model.weekdayFactor(DayOfWeek.THURSDAY) * 1.3);
        // About 1,000 a day, as the audit's 240,533 a year over 243 days says.
        assertThat(model.baseline()).isBetween(850.0, 1150.0);
        // The hourly profile peaks mid-morning and dips at lunch.
        double[] hours = model.hourShares(DayOfWeek.TUESDAY);
        assertThat(hours[2]).isGreaterThan(hours[4] * 2); // 10:00 vs 12:00
        assertThat(java.util.Arrays.stream(hours).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void levelsSpreadOverTheYearForSmallAndLargeDepartmentsAlike() {
        for (String department : new String[] {"koseki-jumin", "choju"}) {
            DepartmentModel model = DepartmentModel.fit(history.get(department), StandardPattern.of(department), calendar, 10);
            Map<CongestionLevel, Integer> counts = new EnumMap<>(CongestionLevel.class);
            for (LocalDate d = LocalDate.of(2022, 4, 1); d.isBefore(LocalDate.of(2023, 4, 1)); d = d.plusDays(1)) {
                if (calendar.isBusinessDay(d)) {
                    counts.merge(model.dayLevel(model.expected(calendar.features(d))), 1, Integer::sum);
                }
            }
            assertThat(counts).as(department).containsOnlyKeys(CongestionLevel.values());
            assertThat(counts.get(CongestionLevel.VERY_BUSY)).as(department).isBetween(10, 35);
            assertThat(counts.get(CongestionLevel.QUIET)).as(department).isBetween(80, 120);
        }
    }

    @Test
    void monthsWithoutHistoryKeepTheStandardShape() {
        // Only April and May 2022 recorded: the other months must come from the standard pattern.
        SortedMap<LocalDate, int[]> twoMonths = history.get("kokuho-nenkin")
                .subMap(LocalDate.of(2022, 4, 1), LocalDate.of(2022, 6, 1));
        StandardPattern.Shape prior = StandardPattern.of("kokuho-nenkin");
        DepartmentModel model = DepartmentModel.fit(twoMonths, prior, calendar, 10);
        double scale = model.monthFactor(2) / prior.months()[1];
        for (int m = 6; m <= 12; m++) {
            assertThat(model.monthFactor(m) / prior.months()[m - 1]).as("month %d", m).isCloseTo(scale, within(1e-6));
        }
        // February (the busiest, 確定申告 and 国保) stays busier than August in the forecast.
        BusinessCalendar.DayFeatures feb = calendar.features(LocalDate.of(2023, 2, 14));
        BusinessCalendar.DayFeatures aug = calendar.features(LocalDate.of(2022, 8, 16));
        assertThat(model.expected(feb)).isGreaterThan(model.expected(aug) * 1.5);
    }

    @Test
    void theStandardPatternNeedsNoHistory() {
        DepartmentModel model = DepartmentModel.standard(StandardPattern.of("koseki-jumin"), calendar,
                LocalDate.of(2023, 4, 1), LocalDate.of(2024, 3, 31));
        assertThat(model.basis()).isEqualTo(DepartmentModel.Basis.STANDARD);
        assertThat(model.countsKnown()).isTrue();
        // A March Monday is very busy, an August Thursday quiet.
        assertThat(model.dayLevel(model.expected(calendar.features(LocalDate.of(2027, 3, 8))))).isEqualTo(CongestionLevel.VERY_BUSY);
        assertThat(model.dayLevel(model.expected(calendar.features(LocalDate.of(2026, 8, 20))))).isEqualTo(CongestionLevel.QUIET);
        // A counter the audit does not cover gets levels but no made-up counts.
        assertThat(DepartmentModel.standard(StandardPattern.of("akatsuka-madoguchi"), calendar,
                LocalDate.of(2023, 4, 1), LocalDate.of(2024, 3, 31)).countsKnown()).isFalse();
        assertThat(calendar.businessDays(YearMonth.of(2026, 12))).isEqualTo(20); // 12/1-12/28 weekdays
    }
}

package org.madoguchi.liveinfo.forecast;

import org.madoguchi.platform.OpeningCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Itabashi's offices: closed at weekends, on national holidays and from 12/29 to 1/3. */
class BusinessCalendarTest {

    private final BusinessCalendar calendar = new BusinessCalendar(HolidaySource.bundled());

    @Test
    void closedOnWeekendsHolidaysAndTheYearEnd() {
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(calendar.closure(LocalDate.of(2026, 12, 5))).contains(OpeningCalendar.Closure.SATURDAY);
        assertThat(calendar.closure(LocalDate.of(2026, 12, 6))).contains(OpeningCalendar.Closure.SUNDAY);
        assertThat(calendar.closure(LocalDate.of(2026, 11, 23))).contains(OpeningCalendar.Closure.HOLIDAY);
        assertThat(calendar.closure(LocalDate.of(2024, 2, 12))).contains(OpeningCalendar.Closure.HOLIDAY);
        // 12/29 is a Tuesday in 2026 and 1/4/2027 a Monday: the year end closes 12/29-1/3 whatever the weekday.
        assertThat(calendar.closure(LocalDate.of(2026, 12, 29))).contains(OpeningCalendar.Closure.YEAR_END);
        assertThat(calendar.closure(LocalDate.of(2027, 1, 2))).contains(OpeningCalendar.Closure.YEAR_END);
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 12, 28))).isTrue();
        assertThat(calendar.isBusinessDay(LocalDate.of(2027, 1, 4))).isTrue();
    }

    @Test
    void countsFiscal2023LikeTheAudit() {
        int days = 0;
        for (LocalDate d = LocalDate.of(2023, 4, 1); d.isBefore(LocalDate.of(2024, 4, 1)); d = d.plusDays(1)) {
            days += calendar.isBusinessDay(d) ? 1 : 0;
        }
        assertThat(days).isEqualTo(StandardPattern.BUSINESS_DAYS_R5);
    }

    @Test
    void firstAndLastBusinessDaysOfTheMonth() {
        // 2026-11-01 is a Sunday, 11/2 Monday; 11/30 Monday. 2027-01: 1/4 after the year end; 1/29 Friday.
        assertThat(calendar.firstBusinessDay(YearMonth.of(2026, 11))).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(calendar.lastBusinessDay(YearMonth.of(2026, 11))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(calendar.firstBusinessDay(YearMonth.of(2027, 1))).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(calendar.lastBusinessDay(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(calendar.features(LocalDate.of(2026, 11, 2)).firstOfMonth()).isTrue();
        assertThat(calendar.features(LocalDate.of(2026, 11, 3)).firstOfMonth()).isFalse();
    }

    @Test
    void theDayAfterAHolidayButNotAnOrdinaryMonday() {
        // 2026-11-23 (Mon) 勤労感謝の日 → Tuesday 11/24 is the day after a holiday.
        assertThat(calendar.afterHoliday(LocalDate.of(2026, 11, 24))).isTrue();
        // 2024-02-12 substitute holiday (Mon) → 2/13.
        assertThat(calendar.afterHoliday(LocalDate.of(2024, 2, 13))).isTrue();
        // Golden Week 2026: 5/3 Sun - 5/6 Wed (振替休日) → Thursday 5/7.
        assertThat(calendar.afterHoliday(LocalDate.of(2026, 5, 7))).isTrue();
        assertThat(calendar.afterHoliday(LocalDate.of(2027, 1, 4))).isTrue();
        assertThat(calendar.afterHoliday(LocalDate.of(2026, 12, 7))).isFalse();
        assertThat(calendar.afterHoliday(LocalDate.of(2026, 12, 8))).isFalse();
        assertThat(calendar.afterHoliday(LocalDate.of(2026, 11, 23))).isFalse();
    }
}

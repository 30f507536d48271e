package org.madoguchi.reception.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import org.junit.jupiter.api.Test;

class DemoDaysTest {

    @Test
    void theDefaultIsTheFirstMondayOfTheLatestMarchThatHasBegun() {
        assertThat(DemoDays.defaultDay(LocalDate.of(2026, 12, 4))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(DemoDays.defaultDay(LocalDate.of(2026, 3, 2))).isEqualTo(LocalDate.of(2026, 3, 2));
        // Before this year's first March Monday: last year's.
        assertThat(DemoDays.defaultDay(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(DemoDays.defaultDay(LocalDate.of(2027, 1, 15))).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void aUsedDayGivesWayToAnotherMondayInMarch() {
        LocalDate day = LocalDate.of(2026, 3, 2);
        for (int i = 0; i < 12; i++) {
            LocalDate next = DemoDays.nextCandidate(day);
            assertThat(next).isAfter(day);
            assertThat(next.getMonth()).isEqualTo(Month.MARCH);
            assertThat(next.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            day = next;
        }
        assertThat(DemoDays.nextCandidate(LocalDate.of(2026, 3, 30))).isEqualTo(LocalDate.of(2027, 3, 1));
    }

    @Test
    void theNextBusinessDaySkipsWeekendsAndTheYearEnd() {
        assertThat(DemoDays.nextBusinessDay(LocalDate.of(2026, 3, 7))).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(DemoDays.nextBusinessDay(LocalDate.of(2026, 12, 29))).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(DemoDays.nextBusinessDay(LocalDate.of(2026, 3, 3))).isEqualTo(LocalDate.of(2026, 3, 3));
    }
}

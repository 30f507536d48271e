package org.madoguchi.reception.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/** Which business days the demo replays. Pure date arithmetic, no Spring. */
final class DemoDays {

    private DemoDays() {
    }

    /** The first Monday of the latest March that has begun by {@code today}: the busiest season, the busiest weekday. */
    static LocalDate defaultDay(LocalDate today) {
        LocalDate day = firstMondayOfMarch(today.getYear());
        return day.isAfter(today) ? firstMondayOfMarch(today.getYear() - 1) : day;
    }

    /**
     * The day to try when {@code day} is already used (an earlier demo run on the same database): the same weekday a
     * week later while the month lasts, then early in the same month a year later, so the demo keeps its season.
     */
    static LocalDate nextCandidate(LocalDate day) {
        LocalDate next = day.plusWeeks(1);
        if (next.getMonth() != day.getMonth()) {
            next = day.plusYears(1).with(TemporalAdjusters.firstInMonth(day.getDayOfWeek()));
        }
        return nextBusinessDay(next);
    }

    /** {@code from} itself when it is a business day, else the next one. */
    static LocalDate nextBusinessDay(LocalDate from) {
        LocalDate d = from;
        while (!ArrivalModel.isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static LocalDate firstMondayOfMarch(int year) {
        return LocalDate.of(year, Month.MARCH, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
    }
}

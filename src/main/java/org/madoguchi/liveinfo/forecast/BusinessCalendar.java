package org.madoguchi.liveinfo.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.Optional;
import org.madoguchi.platform.OpeningCalendar.Closure;

/**
 * When Itabashi's counters are open: weekdays, except national holidays and the year-end closure
 * (12/29 to 1/3, 年末年始). Also the calendar features the forecast uses: first and last business day of the
 * month, and the first business day after a closure that held a holiday or the year end.
 */
public final class BusinessCalendar {

    private final Holidays holidays;

    public BusinessCalendar(Holidays holidays) {
        this.holidays = holidays;
    }

    public Holidays holidays() {
        return holidays;
    }

    public static boolean yearEnd(LocalDate date) {
        MonthDay md = MonthDay.from(date);
        return md.isAfter(MonthDay.of(12, 28)) || md.isBefore(MonthDay.of(1, 4));
    }

    /** Why the office is closed on this date, or empty when it is open. A holiday on a weekend counts as the holiday. */
    public Optional<Closure> closure(LocalDate date) {
        if (yearEnd(date)) {
            return Optional.of(Closure.YEAR_END);
        }
        if (holidays.isHoliday(date)) {
            return Optional.of(Closure.HOLIDAY);
        }
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return Optional.of(Closure.SATURDAY);
        }
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return Optional.of(Closure.SUNDAY);
        }
        return Optional.empty();
    }

    public boolean isBusinessDay(LocalDate date) {
        return closure(date).isEmpty();
    }

    public LocalDate firstBusinessDay(YearMonth month) {
        LocalDate d = month.atDay(1);
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    public LocalDate lastBusinessDay(YearMonth month) {
        LocalDate d = month.atEndOfMonth();
        while (!isBusinessDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /**
     * A business day right after closed days that included a holiday or the year end: the Tuesday after a
     * holiday Monday, the day after Golden Week, January 4th. An ordinary Monday after a weekend is not.
     */
    public boolean afterHoliday(LocalDate date) {
        if (!isBusinessDay(date)) {
            return false;
        }
        LocalDate d = date.minusDays(1);
        boolean holiday = false;
        while (!isBusinessDay(d)) {
            Closure c = closure(d).orElseThrow();
            holiday |= c == Closure.HOLIDAY || c == Closure.YEAR_END;
            d = d.minusDays(1);
        }
        return holiday;
    }

    public int businessDays(YearMonth month) {
        int n = 0;
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            n += isBusinessDay(d) ? 1 : 0;
        }
        return n;
    }

    public DayFeatures features(LocalDate date) {
        YearMonth month = YearMonth.from(date);
        return new DayFeatures(date, date.getMonthValue(), date.getDayOfWeek(),
                date.equals(firstBusinessDay(month)), date.equals(lastBusinessDay(month)), afterHoliday(date));
    }

    /** What the model knows about an open day. */
    public record DayFeatures(LocalDate date, int month, DayOfWeek weekday, boolean firstOfMonth,
                              boolean lastOfMonth, boolean afterHoliday) {
    }
}

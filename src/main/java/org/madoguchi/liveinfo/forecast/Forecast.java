package org.madoguchi.liveinfo.forecast;

import org.madoguchi.platform.OpeningCalendar;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** What the calendar shows: records shared by the page and the JSON API. Counts only, no personal data. */
public final class Forecast {

    private Forecast() {
    }

    public record Department(String id, String nameJa, String nameEn) {
    }

    /**
     * One month for one department. {@code basis} says whether the office's own history was learnt or the
     * standard pattern is shown; {@code countsKnown} is false when only levels can be given.
     */
    public record Month(String officeId, String officeNameJa, String officeNameEn, Department department,
                        YearMonth month, DepartmentModel.Basis basis, int historyDays, boolean countsKnown,
                        List<Day> days) {
    }

    /**
     * One calendar date. On a closed day {@code closure} says why (and {@code holidayName} which holiday) and
     * there is no expectation; on an open day {@code expected} is the rounded expected number of visitors.
     */
    public record Day(LocalDate date, boolean open, OpeningCalendar.Closure closure, String holidayName,
                      String holidayNameEn, Integer expected, CongestionLevel level, boolean firstOfMonth,
                      boolean lastOfMonth, boolean afterHoliday) {
    }

    /** One clock hour ({@code hour} = 9 means 9:00-10:00; the first and last hours are partial). */
    public record Hour(int hour, String from, String to, double expected, CongestionLevel level) {
    }

    public record DayDetail(Month month, Day day, List<Hour> hours) {
    }
}

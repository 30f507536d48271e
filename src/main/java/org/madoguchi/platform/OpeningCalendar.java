package org.madoguchi.platform;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether the counters open on a date, and if not, why: weekends, national holidays and the year-end closure
 * (12/29 to 1/3). Kept here so that every module can ask; the holiday data behind it belongs to liveinfo.
 */
public interface OpeningCalendar {

    enum Closure { SATURDAY, SUNDAY, HOLIDAY, YEAR_END }

    /** Why the counters are closed on the date, or empty when they open. */
    Optional<Closure> closure(LocalDate date);

    /** The holiday's Japanese and English names, when the date is a national holiday. */
    Optional<HolidayName> holiday(LocalDate date);

    default boolean opens(LocalDate date) {
        return closure(date).isEmpty();
    }

    /** The first date on or after {@code from} that the counters open (looks a year ahead at most). */
    default Optional<LocalDate> nextOpening(LocalDate from) {
        for (LocalDate d = from; d.isBefore(from.plusYears(1)); d = d.plusDays(1)) {
            if (opens(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    record HolidayName(String ja, String en) {
    }
}

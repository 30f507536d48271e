package org.madoguchi.reception;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Whether an office accepts visitors now, and if not, why and when it opens next: what every public and floor
 * screen shows up front, so that nobody reads an empty queue after closing as "no wait".
 *
 * @param date the office's date now (the demo's day while the demo runs)
 * @param opensAt today's opening time; the same on every day the office opens
 * @param closedByStaff the day was closed (by staff or the automatic closing) before its closing time
 * @param holidayJa the national holiday's name when today is one
 * @param nextOpenDate the next day the office opens (today when before opening); null when unknown
 */
public record OpeningState(String officeId, Phase phase, LocalDate date, LocalTime opensAt, LocalTime closesAt,
                           boolean closedByStaff, String holidayJa, String holidayEn, LocalDate nextOpenDate,
                           Instant asOf) {

    public enum Phase {
        /** Tickets are issued. */
        OPEN,
        /** An opening day, before its opening time. */
        BEFORE_OPENING,
        /** Today's reception is over: past closing time, or the day was closed. */
        CLOSED_FOR_TODAY,
        /** Saturday, Sunday or a national holiday. */
        CLOSED_DAY,
        /** The year-end closure, 12/29 to 1/3. */
        YEAR_END
    }

    public boolean accepting() {
        return phase == Phase.OPEN;
    }
}

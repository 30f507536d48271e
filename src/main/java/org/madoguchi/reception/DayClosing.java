package org.madoguchi.reception;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What closing a service day did with the tickets still open, so nothing is closed silently. */
public record DayClosing(String officeId, LocalDate serviceDate, Instant closedAt, String closedBy,
                         int unservedVisits, int unservedTickets, List<Unserved> unserved) {

    public record Unserved(int number, String departmentId, VisitStatus statusBefore) {
    }
}

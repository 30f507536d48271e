package org.madoguchi.reception;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of a department's waiting list, in call order, for the counter console. */
public record QueueEntry(long visitId, UUID ticketId, int number, String departmentId, String priorityClass,
                         VisitStatus status,
                         Instant originalIssuedAt, Instant queuedAt, String seatedCounterId,
                         List<String> itinerary, List<String> procedureIds) {
}

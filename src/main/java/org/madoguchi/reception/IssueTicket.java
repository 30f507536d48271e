package org.madoguchi.reception;

import java.util.List;

/**
 * A request for one ticket covering every department of the itinerary, in visiting order.
 * {@code idempotencyKey} makes a repeated request (a double tap at the kiosk) return the same ticket.
 */
public record IssueTicket(String officeId, List<ItineraryStep> itinerary, String priorityClass,
                          TicketChannel channel, String idempotencyKey) {
    public IssueTicket {
        itinerary = itinerary == null ? List.of() : List.copyOf(itinerary);
        priorityClass = priorityClass == null || priorityClass.isBlank() ? "GENERAL" : priorityClass;
    }
}

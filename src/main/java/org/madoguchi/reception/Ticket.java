package org.madoguchi.reception;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A ticket with its itinerary. {@code publicToken} opens the visitor's own status page; it is given to
 * whoever issued the ticket so it can be printed as a QR code, and to no one else.
 */
public record Ticket(UUID id, String officeId, LocalDate serviceDate, int number, Instant issuedAt,
                     TicketChannel channel, String priorityClass, String status, String publicToken,
                     List<Visit> visits) {

    public record Visit(long id, int seq, String departmentId, VisitStatus status, List<String> procedureIds,
                        Instant queuedAt, Instant calledAt, Instant startedAt, Instant completedAt,
                        String counterId, int recallCount) {

        /** The visit without what the visitor came for: for a colleague of another department at a shared counter. */
        public Visit withoutProcedures() {
            return new Visit(id, seq, departmentId, status, List.of(), queuedAt, calledAt, startedAt, completedAt,
                    counterId, recallCount);
        }
    }
}

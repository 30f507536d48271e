package org.madoguchi.reception;

import java.time.Instant;

/**
 * A committed transition as pushed to live subscribers (SSE). It names numbers, departments and counters,
 * never a person. {@code id} is the event's position in commit order (the stream's event id, what Last-Event-ID
 * names): later commits have higher ones, whatever order their rows were inserted in.
 */
public record LiveEvent(long id, Instant at, EventType type, String officeId, String departmentId,
                        Integer number, String counterId, VisitStatus status) {
}

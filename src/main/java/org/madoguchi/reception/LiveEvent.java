package org.madoguchi.reception;

import java.time.Instant;

/**
 * A committed transition as pushed to live subscribers (SSE). It names numbers, departments and counters,
 * never a person.
 */
public record LiveEvent(long id, Instant at, EventType type, String officeId, String departmentId,
                        Integer number, String counterId, VisitStatus status) {
}

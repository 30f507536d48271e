package org.madoguchi.reception;

import java.time.Instant;
import java.util.List;

/** The public picture of an office right now: queue lengths and the numbers being called. */
public record OfficeSummary(String officeId, Instant asOf, long lastEventId, List<Department> departments) {

    public record Department(String id, String nameJa, String nameEn, int waiting, int atCounter,
                             Long longestWaitSeconds, List<Call> calling) {
    }

    public record Call(int number, String counterId, String counterLabelJa, String counterLabelEn,
                       Instant calledAt, int recallCount) {
    }
}

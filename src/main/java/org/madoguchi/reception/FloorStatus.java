package org.madoguchi.reception;

import java.time.Instant;
import java.util.List;

/**
 * What a floor manager needs to see at a glance, per department: queue lengths, the longest current wait,
 * staffed counters and absent visitors. Numbers only, no personal data.
 *
 * @param waitAlertSeconds the threshold above which a department's longest wait raises an alert
 */
public record FloorStatus(String officeId, Instant asOf, long lastEventId, long waitAlertSeconds,
                          List<Department> departments) {

    /**
     * @param countersOpen counters serving this department with someone signed in; a shared counter counts
     *                     for every department it serves
     * @param absent       visits called but not answered and still within their grace period
     * @param alert        the longest current wait has passed the threshold
     */
    public record Department(String id, String nameJa, String nameEn, int waiting, int atCounter,
                             Long longestWaitSeconds, int countersOpen, int countersTotal, int absent,
                             boolean alert) {
    }

    /** A call shown on the display board's "recently called" list. */
    public record RecentCall(int number, String departmentId, String counterId, String counterLabelJa,
                             String counterLabelEn, Instant at) {
    }
}

package org.madoguchi.reception;

/** Where one department visit of a ticket stands. */
public enum VisitStatus {
    /** Booked, but an earlier department of the itinerary comes first. */
    PENDING,
    /** In the department's queue. */
    WAITING,
    /** Called to a counter (possibly recalled). */
    CALLED,
    /** Being served at the counter. */
    SERVING,
    COMPLETED,
    /** Called but did not come; may return to the queue within the grace period. */
    ABSENT,
    CANCELLED,
    /** Absent past the grace period and dropped from the queue. */
    DROPPED,
    /** Still open when the day was closed. */
    UNSERVED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == DROPPED || this == UNSERVED;
    }

    public boolean isAtCounter() {
        return this == CALLED || this == SERVING;
    }
}

package org.madoguchi.reception;

/** Every kind of transition written to the reception event log. */
public enum EventType {
    ISSUED, QUEUED, CALLED, RECALLED, ABSENT, RETURNED, STARTED, COMPLETED, HANDED_OVER,
    VISIT_ADDED, VISIT_REMOVED, CANCELLED, DROPPED, UNSERVED, DAY_CLOSED, COUNTER_OPENED, COUNTER_CLOSED
}

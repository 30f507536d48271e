package org.madoguchi.navigator.flow;

import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * A deadline worked out for one visitor. {@code lastDay} is the day the rule gives; when the counters are closed
 * that day, {@code nextOpen} is the following open day. Administrative deadlines falling on a closed day are
 * normally extended to the next open day (地方自治法第4条の2第4項, 民法第142条), but whether that applies to each
 * procedure is for the ward to confirm, so the page states both days and marks the extension 要確認.
 */
public record DueDate(Due.Kind kind, LocalDate event, LocalDate lastDay, boolean passed, boolean closed,
                      LocalDate nextOpen, boolean notYet) {

    public static DueDate of(Due due, LocalDate event, LocalDate today, Predicate<LocalDate> openDay) {
        LocalDate last = due.lastDay(event);
        boolean closed = !openDay.test(last);
        LocalDate next = last;
        if (closed) {
            int guard = 0;
            do {
                next = next.plusDays(1);
            } while (!openDay.test(next) && ++guard < 30);
        }
        return new DueDate(due.kind(), event, last, today.isAfter(last), closed, closed ? next : null,
                due.notBefore() && event.isAfter(today));
    }
}

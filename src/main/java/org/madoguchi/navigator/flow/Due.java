package org.madoguchi.navigator.flow;

import java.time.LocalDate;

/**
 * A legal deadline computed from a date question ({@code due:} of an outcome). By default the day of the event
 * does not count (民法第140条: 初日不算入), so "14 days after the move" ends on move + 14. The 戸籍法 (第43条)
 * counts the day of the event itself, so a birth on the 1st must be notified by the 14th: {@code first-day: true}.
 * {@code notBefore} marks notifications that cannot be filed before the event (転入届・転居届).
 */
public record Due(String question, int days, Kind kind, boolean firstDay, boolean notBefore, int line) {

    public enum Kind { NOTIFICATION, APPLICATION }

    /** The last day of the period. */
    public LocalDate lastDay(LocalDate event) {
        return event.plusDays(firstDay ? days - 1 : days);
    }
}

package org.madoguchi.navigator.flow;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One question of a flow. Counts offer 0..max, the last meaning "max or more". A date question's answer is an ISO
 * date ({@code yyyy-MM-dd}) between {@code minDays} and {@code maxDays} from today, or {@link #UNKNOWN} when it is
 * {@code optional} (まだ決まっていない・わからない).
 */
public record Question(String id, Type type, Text text, Text hint, List<Option> options, int max, Condition when,
                       Condition unless, boolean optional, int minDays, int maxDays, int line) {

    /** The option of a multiple choice that cannot be combined with others (当てはまるものはない). */
    public static final String NONE = "none";

    /** The answer of an optional date question when the visitor does not know the date. */
    public static final String UNKNOWN = "unknown";

    public enum Type { SINGLE, YESNO, MULTI, COUNT, DATE }

    public record Option(String value, Text text) {
    }

    /** The values a visitor may choose (for a date question only {@link #UNKNOWN}, when optional). */
    public List<String> values() {
        return options.stream().map(Option::value).toList();
    }

    public boolean multiple() {
        return type == Type.MULTI;
    }

    public boolean date() {
        return type == Type.DATE;
    }

    /** Whether a single answer value is acceptable on {@code today}. */
    public boolean accepts(String value, LocalDate today) {
        if (type != Type.DATE) {
            return values().contains(value);
        }
        if (UNKNOWN.equals(value)) {
            return optional;
        }
        return parseIso(value).map(d -> inRange(d, today)).orElse(false);
    }

    public boolean inRange(LocalDate date, LocalDate today) {
        return !date.isBefore(earliest(today)) && !date.isAfter(latest(today));
    }

    public LocalDate earliest(LocalDate today) {
        return today.plusDays(minDays);
    }

    public LocalDate latest(LocalDate today) {
        return today.plusDays(maxDays);
    }

    /** An answer as it travels in the address: strictly {@code yyyy-MM-dd}. */
    public static java.util.Optional<LocalDate> parseIso(String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}

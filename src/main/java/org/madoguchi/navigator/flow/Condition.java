package org.madoguchi.navigator.flow;

import java.util.List;
import java.util.Map;

/**
 * {@code when}/{@code unless} of a question or outcome: every named question must have one of the listed
 * answers. A value such as {@code ">=1"} compares a count.
 */
public record Condition(Map<String, List<String>> required) {

    public static final Condition ALWAYS = new Condition(Map.of());

    public Condition {
        required = Map.copyOf(required);
    }

    public boolean isEmpty() {
        return required.isEmpty();
    }

    /** True when every question is answered with an accepted value; an unanswered question fails. */
    public boolean matches(Map<String, List<String>> answers) {
        for (var entry : required.entrySet()) {
            List<String> given = answers.get(entry.getKey());
            if (given == null || given.stream().noneMatch(v -> entry.getValue().stream().anyMatch(c -> accepts(c, v)))) {
                return false;
            }
        }
        return true;
    }

    /** True when any named question has an accepted value (for {@code unless}). */
    public boolean matchesAny(Map<String, List<String>> answers) {
        for (var entry : required.entrySet()) {
            List<String> given = answers.get(entry.getKey());
            if (given != null && given.stream().anyMatch(v -> entry.getValue().stream().anyMatch(c -> accepts(c, v)))) {
                return true;
            }
        }
        return false;
    }

    static boolean accepts(String condition, String value) {
        if (condition.startsWith(">=") || condition.startsWith("<=")) {
            try {
                int limit = Integer.parseInt(condition.substring(2).trim());
                int n = Integer.parseInt(value);
                return condition.startsWith(">=") ? n >= limit : n <= limit;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return condition.equals(value);
    }

    static boolean isComparison(String condition) {
        return condition.matches("(>=|<=)\\s*\\d+");
    }
}

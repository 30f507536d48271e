package org.madoguchi.navigator.flow;

import java.util.List;

/** One question of a flow. Counts offer 0..max, the last meaning "max or more". */
public record Question(String id, Type type, Text text, Text hint, List<Option> options, int max, Condition when,
                       Condition unless, int line) {

    /** The option of a multiple choice that cannot be combined with others (当てはまるものはない). */
    public static final String NONE = "none";

    public enum Type { SINGLE, YESNO, MULTI, COUNT }

    public record Option(String value, Text text) {
    }

    /** The values a visitor may choose. */
    public List<String> values() {
        return options.stream().map(Option::value).toList();
    }

    public boolean multiple() {
        return type == Type.MULTI;
    }
}

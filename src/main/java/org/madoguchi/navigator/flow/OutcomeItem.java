package org.madoguchi.navigator.flow;

import java.util.List;

/**
 * A procedure (or a piece of advice) the outcome lists when its condition holds. {@code department} and
 * {@code procedure} are reception ids; an item without them happens elsewhere ({@code where}). {@code confirm}
 * marks content each ward must check (要確認); {@code due} computes the last day from a date answer.
 */
public record OutcomeItem(String id, String department, String procedure, Text title, Text where, Text deadline,
                          List<String> bring, List<String> fees, List<String> alternatives, Text note,
                          boolean confirm, Due due, Condition when, Condition unless, int line) {

    public boolean atCounter() {
        return department != null;
    }
}

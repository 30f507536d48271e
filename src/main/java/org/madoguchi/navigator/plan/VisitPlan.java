package org.madoguchi.navigator.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madoguchi.navigator.flow.OutcomeItem;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.ItineraryStep;

/**
 * The departments an outcome sends the visitor to, in visiting order, and the part of it one ticket can carry.
 * 戸籍住民課 comes first (a move or a registration there is what the other departments rely on), then the
 * floor's order. Departments outside counter linkage (課税課, 納税課 …) cannot share a ticket with others, so
 * when there are several departments they are left out of the ticket and listed as "take a number there".
 */
public record VisitPlan(List<ItineraryStep> steps, List<ItineraryStep> ticket, List<String> separate) {

    static final String FIRST = "koseki-jumin";

    public static VisitPlan of(List<OutcomeItem> items, Floor floor) {
        Map<String, Set<String>> byDepartment = new LinkedHashMap<>();
        for (OutcomeItem item : items) {
            if (item.department() == null) {
                continue;
            }
            Set<String> procedures = byDepartment.computeIfAbsent(item.department(), d -> new LinkedHashSet<>());
            if (item.procedure() != null) {
                procedures.add(item.procedure());
            }
        }
        List<String> order = new ArrayList<>(byDepartment.keySet());
        order.sort(Comparator.comparingInt((String d) -> d.equals(FIRST) ? Integer.MIN_VALUE
                : floor.department(d).map(Floor.Department::sortOrder).orElse(Integer.MAX_VALUE)).thenComparing(d -> d));
        List<ItineraryStep> steps = order.stream().map(d -> new ItineraryStep(d, List.copyOf(byDepartment.get(d)))).toList();
        if (steps.size() <= 1) {
            return new VisitPlan(steps, steps, List.of());
        }
        List<ItineraryStep> linked = steps.stream().filter(s -> linked(floor, s.departmentId())).toList();
        List<ItineraryStep> ticket = linked.isEmpty() ? List.of(steps.get(0)) : linked;
        List<String> separate = steps.stream().filter(s -> !ticket.contains(s)).map(ItineraryStep::departmentId).toList();
        return new VisitPlan(steps, ticket, separate);
    }

    private static boolean linked(Floor floor, String departmentId) {
        return floor.department(departmentId).map(Floor.Department::linked).orElse(false);
    }

    public boolean empty() {
        return ticket.isEmpty();
    }
}

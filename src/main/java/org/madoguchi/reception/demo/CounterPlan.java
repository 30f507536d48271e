package org.madoguchi.reception.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many counters the demo opens, and what share of each department's visitors it sends. Pure, no Spring.
 *
 * <p>Counters that serve the same set of departments form a group (the three elderly departments share
 * 31 to 34). Each group gets enough counters to stay below {@link #TARGET_UTILISATION} at the peak of an
 * average day. Where the floor has too few counters for that (戸籍住民課 has 8 on the default floor,
 * far fewer than its 240,000 yearly tickets need at the procedures' typical minutes), the department's
 * arrivals are scaled down instead, so queues stay in minutes as in the audit rather than growing all day.
 */
public final class CounterPlan {

    /** Busy share of an open counter at an average day's peak; leaves room for Mondays and busy months. */
    static final double TARGET_UTILISATION = 0.6;

    /** Counters serving exactly {@code departmentIds}; {@code open} of them are used by the demo. */
    public record Group(Set<String> departmentIds, List<String> counterIds, int open, double peakWorkload) {
    }

    private final List<Group> groups;
    private final Map<String, Double> shares;

    private CounterPlan(List<Group> groups, Map<String, Double> shares) {
        this.groups = groups;
        this.shares = shares;
    }

    public List<Group> groups() {
        return groups;
    }

    /** Share of the department's own visitors (tickets first issued there) that the demo sends. */
    public double share(String departmentId) {
        return shares.getOrDefault(departmentId, 0.0);
    }

    public List<String> countersToOpen() {
        List<String> ids = new ArrayList<>();
        groups.forEach(g -> ids.addAll(g.counterIds().subList(0, g.open())));
        return ids;
    }

    /**
     * @param counters counter id to the departments it serves, in the floor's order
     * @param typicalMinutes procedure id to its typical minutes at the counter
     * @param volume the configured share of Itabashi's numbers
     */
    public static CounterPlan of(Map<String, Set<String>> counters, Map<String, Integer> typicalMinutes,
                                 ArrivalModel model, VisitorMix mix, double volume) {
        Map<Set<String>, List<String>> byDepartments = new LinkedHashMap<>();
        counters.forEach((id, departments) -> {
            if (!departments.isEmpty()) {
                byDepartments.computeIfAbsent(new TreeSet<>(departments), k -> new ArrayList<>()).add(id);
            }
        });
        List<String> firstDepartments = mix.departments().stream()
                .filter(d -> byDepartments.keySet().stream().anyMatch(s -> s.contains(d))).toList();
        Map<String, Map<String, Double>> work = new LinkedHashMap<>();
        firstDepartments.forEach(f -> work.put(f, mix.expectedWorkMinutes(f, typicalMinutes)));

        Map<String, Double> shares = new LinkedHashMap<>();
        firstDepartments.forEach(f -> shares.put(f, volume));
        Map<Set<String>, Integer> open = new LinkedHashMap<>();
        byDepartments.forEach((set, ids) -> {
            double load = workload(set, firstDepartments, shares, work, model);
            open.put(set, Math.max(1, Math.min(ids.size(), (int) Math.ceil(load / TARGET_UTILISATION))));
        });
        // Hand-overs carry load from one group into another, so trimming one department changes the load
        // elsewhere; repeated rounds settle it (shares only ever go down).
        for (int round = 0; round < 20; round++) {
            for (Map.Entry<Set<String>, Integer> e : open.entrySet()) {
                double load = workload(e.getKey(), firstDepartments, shares, work, model);
                double capacity = e.getValue() * TARGET_UTILISATION;
                if (load > capacity) {
                    double factor = capacity / load;
                    e.getKey().stream().filter(shares::containsKey)
                            .forEach(d -> shares.put(d, shares.get(d) * factor));
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        byDepartments.forEach((set, ids) -> groups.add(new Group(Set.copyOf(set), List.copyOf(ids), open.get(set),
                workload(set, firstDepartments, shares, work, model))));
        return new CounterPlan(List.copyOf(groups), shares);
    }

    /** Counter-minutes of work arriving per minute at the group's departments at an average day's peak. */
    private static double workload(Set<String> departments, List<String> firstDepartments, Map<String, Double> shares,
                                   Map<String, Map<String, Double>> work, ArrivalModel model) {
        double load = 0;
        for (String f : firstDepartments) {
            double rate = model.averagePeakRatePerMinute(f) * shares.get(f);
            for (String d : departments) {
                load += rate * work.get(f).getOrDefault(d, 0.0);
            }
        }
        return load;
    }
}

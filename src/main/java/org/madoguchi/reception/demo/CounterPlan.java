package org.madoguchi.reception.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many counters the demo opens, and what share of each department's visitors it sends. Pure, no Spring.
 *
 * <p>Counters that serve the same set of departments form a group (the three elderly departments share 31 to 34).
 * The plan is sized for {@link #BUSIEST_DAY}, a Monday in March, Itabashi's busiest season and weekday: at that day's
 * peak each group's open counters are loaded to its {@link #peakUtilisation}. Above 1 work arrives faster than the
 * counters clear it, so queues build through the peak and drain at lunch, as at 戸籍住民課 and 国保年金課, which have
 * the longest waits of 図表4-1; the other groups stay just below 1, with short waits. The floor has far fewer counters
 * than Itabashi's volume needs (戸籍住民課 has 8 for about 1,800 visitors on such a day), so a department whose
 * counters could not carry its visitors gets a share of them; other days then bring fewer, with the seasons.
 */
public final class CounterPlan {

    /** A Monday in March: the day the plan is sized for (any year; only month and weekday count). */
    static final LocalDate BUSIEST_DAY = LocalDate.of(2024, 3, 4);
    /** Departments whose counters are loaded beyond their capacity at the busiest day's peak. */
    static final Set<String> LONGEST_WAITS = Set.of("koseki-jumin", "kokuho-nenkin");
    static final double BUSY_PEAK_UTILISATION = 1.3;
    static final double PEAK_UTILISATION = 0.9;
    /** Minutes a counter is taken per visit beyond the procedures: the call, the walk up, the pause before the next. */
    static final double PER_VISIT_MINUTES = 1.0;

    /** Counters serving exactly {@code departmentIds}; {@code open} of them are used by the demo. */
    public record Group(Set<String> departmentIds, List<String> counterIds, int open, double peakWorkload) {

        /** Counter-minutes of work arriving per minute per open counter at the busiest day's peak. */
        public double peakLoad() {
            return peakWorkload / open;
        }
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

    /** The busy share of its open counters a group is sized for at the busiest day's peak. */
    static double peakUtilisation(Set<String> departmentIds) {
        return departmentIds.stream().anyMatch(LONGEST_WAITS::contains) ? BUSY_PEAK_UTILISATION : PEAK_UTILISATION;
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
        firstDepartments.forEach(f -> work.put(f, mix.expectedWorkMinutes(f, typicalMinutes, PER_VISIT_MINUTES)));

        Map<String, Double> shares = new LinkedHashMap<>();
        firstDepartments.forEach(f -> shares.put(f, volume));
        Map<Set<String>, Integer> open = new LinkedHashMap<>();
        byDepartments.forEach((set, ids) -> {
            double load = workload(set, firstDepartments, shares, work, model);
            open.put(set, Math.max(1, Math.min(ids.size(), (int) Math.ceil(load / peakUtilisation(set)))));
        });
        // Hand-overs carry load from one group into another, so trimming one department changes the load
        // elsewhere; repeated rounds settle it (shares only ever go down).
        for (int round = 0; round < 20; round++) {
            for (Map.Entry<Set<String>, Integer> e : open.entrySet()) {
                double load = workload(e.getKey(), firstDepartments, shares, work, model);
                double capacity = e.getValue() * peakUtilisation(e.getKey());
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

    /** Counter-minutes of work arriving per minute at the group's departments at the busiest day's peak. */
    private static double workload(Set<String> departments, List<String> firstDepartments, Map<String, Double> shares,
                                   Map<String, Map<String, Double>> work, ArrivalModel model) {
        double load = 0;
        for (String f : firstDepartments) {
            double rate = model.peakRatePerMinute(f, BUSIEST_DAY) * shares.get(f);
            for (String d : departments) {
                load += rate * work.get(f).getOrDefault(d, 0.0);
            }
        }
        return load;
    }
}

package org.madoguchi.statistics.history;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.madoguchi.statistics.FiscalYear;

/**
 * Builds one fiscal year of Itabashi-scale visits in memory, deterministically for a seed: 図表3's tickets per
 * department as first steps (seq 1) over the business days of {@link CountPlan}, arrival times following the
 * intra-day profile, hand-overs to linked departments (seq 2 and 3, which 図表3 does not count), and waits scaled
 * per department and month so that R5's monthly averages are 図表4-1's.
 *
 * <p>Two passes: the visits are drawn first with a unit wait each; then, knowing how many visits each month has,
 * every department-month's waits are scaled to its target average. So the yearly average and the named shortest
 * and longest months come out as the audit's, not merely close to them by chance.
 */
public final class HistoryGenerator {

    public enum Outcome { COMPLETED, DROPPED, CANCELLED }

    /** One department visit; times are seconds since midnight of {@link #date}, in Japan time. */
    public static final class Visit {
        public final String firstDepartment;
        public final String department;
        public final LocalDate date;
        public final int number;
        public final int seq;
        public final int issued;
        public final String counter;
        public final Outcome outcome;
        final double unitWait;
        final int service;
        public int arrived;
        public int waitSeconds;
        Visit next;

        Visit(String firstDepartment, String department, LocalDate date, int number, int seq, int issued,
              String counter, Outcome outcome, double unitWait, int service) {
            this.firstDepartment = firstDepartment;
            this.department = department;
            this.date = date;
            this.number = number;
            this.seq = seq;
            this.issued = issued;
            this.counter = counter;
            this.outcome = outcome;
            this.unitWait = unitWait;
            this.service = service;
        }

        public boolean called() {
            return outcome != Outcome.CANCELLED;
        }

        public int calledAt() {
            return arrived + waitSeconds;
        }

        public int completedAt() {
            return calledAt() + service;
        }

        /** When the visit ended: completion, the drop after an unanswered call and recall, or the cancellation. */
        public int endedAt() {
            return switch (outcome) {
                case COMPLETED -> completedAt();
                case DROPPED -> calledAt() + 5 * 60;
                case CANCELLED -> arrived + 10 * 60;
            };
        }
    }

    public record Year(FiscalYear year, List<Visit> visits, Map<String, Integer> firstSteps, int handOvers,
                       Map<String, Map<YearMonth, Double>> targetWaits) {
    }

    private final long seed;

    public HistoryGenerator(long seed) {
        this.seed = seed;
    }

    /** The fiscal year's visits of the given departments (hand-overs only between them). */
    public Year year(FiscalYear year, Set<String> departments) {
        List<Visit> visits = new ArrayList<>();
        Map<String, Integer> firstSteps = new LinkedHashMap<>();
        int handOvers = 0;
        double[] slotCumulative = cumulative(HistoryModel.SLOTS);
        for (String department : HistoryModel.DEPARTMENTS) {
            if (!departments.contains(department)) {
                continue;
            }
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + 97L * year.year() + department.hashCode());
            int count = 0;
            for (CountPlan.Day day : CountPlan.days(department, year, seed)) {
                int[] issued = new int[day.tickets()];
                for (int i = 0; i < issued.length; i++) {
                    int slot = Arrays.binarySearch(slotCumulative, random.nextDouble());
                    slot = slot < 0 ? -slot - 1 : slot;
                    slot = Math.min(slot, HistoryModel.SLOTS.length - 1);
                    issued[i] = HistoryModel.OPENS_SECOND + slot * HistoryModel.SLOT_SECONDS
                            + random.nextInt(HistoryModel.SLOT_SECONDS);
                }
                // Numbers follow the order tickets were taken in.
                Arrays.sort(issued);
                for (int i = 0; i < issued.length; i++) {
                    double u = random.nextDouble();
                    Outcome outcome = u < HistoryModel.CANCELLED_SHARE ? Outcome.CANCELLED
                            : u < HistoryModel.CANCELLED_SHARE + HistoryModel.DROPPED_SHARE ? Outcome.DROPPED
                            : Outcome.COMPLETED;
                    Visit first = visit(random, department, department, day.date(), i + 1, 1, issued[i], outcome);
                    first.arrived = issued[i];
                    visits.add(first);
                    count++;
                    Visit previous = first;
                    Set<String> seen = new java.util.HashSet<>(Set.of(department));
                    double share = HistoryModel.HAND_OVER_SHARE.get(department);
                    while (previous.outcome == Outcome.COMPLETED && previous.seq < 3 && random.nextDouble() < share) {
                        String to = pick(random, HistoryModel.HAND_OVER_TO.get(previous.department), departments, seen);
                        if (to == null) {
                            break;
                        }
                        seen.add(to);
                        Outcome next = random.nextDouble() < HistoryModel.DROPPED_SHARE ? Outcome.DROPPED : Outcome.COMPLETED;
                        Visit step = visit(random, department, to, day.date(), i + 1, previous.seq + 1, issued[i], next);
                        previous.next = step;
                        visits.add(step);
                        handOvers++;
                        previous = step;
                        share = HistoryModel.THIRD_STEP_SHARE;
                    }
                }
            }
            firstSteps.put(department, count);
        }
        Map<String, Map<YearMonth, Double>> targets = assignWaits(year, visits);
        return new Year(year, visits, firstSteps, handOvers, targets);
    }

    private static Visit visit(SplittableRandom random, String first, String department, LocalDate date, int number,
                               int seq, int issued, Outcome outcome) {
        List<String> counters = HistoryModel.COUNTERS.get(department);
        // Gamma(2) for the wait's shape: most waits short, a tail of long ones, fewer extremes than exponential.
        double unitWait = -Math.log((1 - random.nextDouble()) * (1 - random.nextDouble())) / 2;
        double serviceMean = HistoryModel.SERVICE_SECONDS.get(department);
        double gamma4 = -Math.log((1 - random.nextDouble()) * (1 - random.nextDouble())
                * (1 - random.nextDouble()) * (1 - random.nextDouble())) / 4;
        int service = (int) Math.max(120, Math.min(45 * 60, Math.round(serviceMean * gamma4)));
        return new Visit(first, department, date, number, seq, issued, counters.get(random.nextInt(counters.size())),
                outcome, unitWait, service);
    }

    private static String pick(SplittableRandom random, Map<String, Double> weights, Set<String> included,
                               Set<String> seen) {
        double total = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (included.contains(e.getKey()) && !seen.contains(e.getKey())) {
                total += e.getValue();
            }
        }
        if (total == 0) {
            return null;
        }
        double u = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (included.contains(e.getKey()) && !seen.contains(e.getKey())) {
                last = e.getKey();
                u -= e.getValue();
                if (u < 0) {
                    return last;
                }
            }
        }
        return last;
    }

    /** Scales the unit waits per department and month to the targets, then sets the arrival times of later steps. */
    private static Map<String, Map<YearMonth, Double>> assignWaits(FiscalYear year, List<Visit> visits) {
        Map<String, Map<YearMonth, double[]>> groups = new HashMap<>(); // {called visits, sum of unit waits}
        for (Visit v : visits) {
            if (v.called()) {
                double[] g = groups.computeIfAbsent(v.department, k -> new HashMap<>())
                        .computeIfAbsent(YearMonth.from(v.date), k -> new double[2]);
                g[0]++;
                g[1] += v.unitWait;
            }
        }
        Map<String, Map<YearMonth, Double>> targets = new LinkedHashMap<>();
        Map<String, Map<YearMonth, Double>> scale = new HashMap<>();
        groups.forEach((department, months) -> {
            Map<YearMonth, Double> counts = new HashMap<>();
            months.forEach((m, g) -> counts.put(m, g[0]));
            Map<YearMonth, Double> t = WaitTargets.monthly(department, year, counts);
            targets.put(department, t);
            Map<YearMonth, Double> s = new HashMap<>();
            months.forEach((m, g) -> s.put(m, t.get(m) * g[0] / g[1]));
            scale.put(department, s);
        });
        for (Visit v : visits) {
            if (v.seq != 1) {
                continue;
            }
            for (Visit step = v; step != null; step = step.next) {
                if (step.called()) {
                    step.waitSeconds = (int) Math.round(step.unitWait * scale.get(step.department).get(YearMonth.from(step.date)));
                }
                if (step.next != null) {
                    // Walking to the next department takes a minute or two.
                    step.next.arrived = step.completedAt() + 60 + (step.number * 37 + step.seq * 11) % 90;
                }
            }
        }
        return targets;
    }

    private static double[] cumulative(double[] weights) {
        double total = Arrays.stream(weights).sum();
        double[] c = new double[weights.length];
        double run = 0;
        for (int i = 0; i < weights.length; i++) {
            run += weights[i] / total;
            c[i] = run;
        }
        c[c.length - 1] = 1.0;
        return c;
    }
}

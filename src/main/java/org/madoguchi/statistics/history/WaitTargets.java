package org.madoguchi.statistics.history;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.madoguchi.statistics.FiscalYear;

/**
 * The average wait each department-month of the generated history aims at. For R5 (fiscal 2023): 図表4-1's
 * shortest and longest month get exactly their figures, and the other months follow the department's season
 * shape, scaled so that the year's visit-weighted average is 図表4-1's average. Other years have the same
 * calendar-month pattern, scaled by the square root of their volume against R5's (busier years wait longer;
 * the audit gives no waits for them).
 */
final class WaitTargets {

    /** Other months keep this far inside the shortest and longest figures, so the named months stay the extremes. */
    private static final double MARGIN = 0.08;
    private static final int R5 = 2023;

    private WaitTargets() {
    }

    /** Targets in seconds per month of the year, given how many called visits each month has. */
    static Map<YearMonth, Double> monthly(String department, FiscalYear year, Map<YearMonth, Double> visits) {
        HistoryModel.WaitTarget audit = HistoryModel.TABLE41_R5.get(department);
        double[] shape = HistoryModel.MONTHS.get(department);
        Map<YearMonth, Double> r5Visits = new HashMap<>();
        visits.forEach((m, n) -> r5Visits.put(YearMonth.of(m.getMonthValue() >= 4 ? R5 : R5 + 1, m.getMonthValue()), n));
        Map<YearMonth, Double> r5 = r5Targets(audit, shape, r5Visits);
        double factor = year.year() == R5 ? 1.0
                : Math.sqrt((double) HistoryModel.tickets(department, year.year()) / HistoryModel.tickets(department, R5));
        Map<YearMonth, Double> targets = new HashMap<>();
        visits.keySet().forEach(m -> targets.put(m,
                factor * r5.get(YearMonth.of(m.getMonthValue() >= 4 ? R5 : R5 + 1, m.getMonthValue()))));
        return targets;
    }

    private static Map<YearMonth, Double> r5Targets(HistoryModel.WaitTarget audit, double[] shape,
                                                    Map<YearMonth, Double> visits) {
        double low = audit.shortestSeconds() * (1 + MARGIN);
        double high = audit.longestSeconds() * (1 - MARGIN);
        Map<YearMonth, Double> targets = new HashMap<>();
        double total = 0;
        for (double n : visits.values()) {
            total += n;
        }
        // Fixed months and what the rest must make up; clamped months become fixed too, a few rounds suffice.
        Map<YearMonth, Double> fixed = new HashMap<>();
        fixed.put(audit.shortestMonth(), (double) audit.shortestSeconds());
        fixed.put(audit.longestMonth(), (double) audit.longestSeconds());
        for (int round = 0; round < 12; round++) {
            double needed = audit.averageSeconds() * total;
            double free = 0;
            for (Map.Entry<YearMonth, Double> e : visits.entrySet()) {
                Double f = fixed.get(e.getKey());
                if (f != null) {
                    needed -= f * e.getValue();
                } else {
                    free += e.getValue() * shape[e.getKey().getMonthValue() - 1];
                }
            }
            double c = free == 0 ? 0 : needed / free;
            boolean clamped = false;
            targets.clear();
            for (YearMonth m : visits.keySet()) {
                Double f = fixed.get(m);
                if (f != null) {
                    targets.put(m, f);
                    continue;
                }
                double t = c * shape[m.getMonthValue() - 1];
                if (t < low || t > high) {
                    fixed.put(m, Math.max(low, Math.min(high, t)));
                    clamped = true;
                }
                targets.put(m, Math.max(low, Math.min(high, t)));
            }
            if (!clamped) {
                break;
            }
        }
        return targets;
    }
}

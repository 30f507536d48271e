package org.madoguchi.statistics.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.madoguchi.liveinfo.OfficeDays;
import org.madoguchi.statistics.FiscalYear;

/**
 * How many tickets each department issues on each business day of a fiscal year: exactly 図表3's yearly count,
 * spread by month and weekday weight with a little day-to-day noise, and rounded by largest remainder so that
 * the days add up to the audit's figure. Pure arithmetic and deterministic for a seed.
 */
public final class CountPlan {

    public record Day(LocalDate date, int tickets) {
    }

    private CountPlan() {
    }

    /** The business days of the fiscal year with the department's ticket count on each. */
    public static List<Day> days(String department, FiscalYear year, long seed) {
        int total = HistoryModel.tickets(department, year.year());
        double[] months = HistoryModel.MONTHS.get(department);
        if (months == null) {
            throw new IllegalArgumentException("Not a department of the audit: " + department);
        }
        List<LocalDate> open = new ArrayList<>();
        for (LocalDate d = year.firstDay(); !d.isAfter(year.lastDay()); d = d.plusDays(1)) {
            if (OfficeDays.isBusinessDay(d)) {
                open.add(d);
            }
        }
        SplittableRandom random = new SplittableRandom(seed ^ (31L * year.year()) ^ department.hashCode());
        double[] weight = new double[open.size()];
        double sum = 0;
        for (int i = 0; i < weight.length; i++) {
            LocalDate d = open.get(i);
            // ±15 % around the shape: real days differ for reasons no calendar knows.
            double noise = 0.85 + 0.3 * random.nextDouble();
            weight[i] = months[d.getMonthValue() - 1] * HistoryModel.WEEKDAYS[d.getDayOfWeek().getValue() - 1] * noise;
            sum += weight[i];
        }
        int[] counts = new int[weight.length];
        double[] remainder = new double[weight.length];
        int assigned = 0;
        for (int i = 0; i < weight.length; i++) {
            double exact = total * weight[i] / sum;
            counts[i] = (int) Math.floor(exact);
            remainder[i] = exact - counts[i];
            assigned += counts[i];
        }
        Integer[] order = new Integer[weight.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
        for (int k = 0; k < total - assigned; k++) {
            counts[order[k]]++;
        }
        List<Day> days = new ArrayList<>(open.size());
        for (int i = 0; i < counts.length; i++) {
            days.add(new Day(open.get(i), counts[i]));
        }
        return Collections.unmodifiableList(days);
    }
}

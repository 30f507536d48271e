package org.madoguchi.liveinfo.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The forecast for one department, a transparent multiplicative model of tickets per business day:
 *
 * <pre>expected = baseline × month[m] × weekday[w] × (first business day of month) × (last business day)
 *          × (first business day after a holiday)</pre>
 *
 * and, within the day, a share per clock hour by weekday. Fitted by alternating ratios of sums (each factor
 * is the ratio of the counts on its days to what the other factors predict there), every factor pulled
 * towards the standard pattern by {@code shrink} pseudo-days so that a month seen on a handful of days does
 * not swing the calendar.
 */
public final class DepartmentModel {

    public enum Basis { HISTORY, STANDARD }

    private static final int ROUNDS = 12;
    /** Pseudo-tickets pulling each weekday's hourly profile towards the department's all-week profile. */
    private static final double HOUR_SHRINK = 300;

    private final Basis basis;
    private final int historyDays;
    private final boolean countsKnown;
    private final double baseline;
    private final double[] months;
    private final double[] weekdays;
    private final double first;
    private final double last;
    private final double afterHoliday;
    private final double[][] hourShares;
    private double[] dayCuts;
    private double[] hourCuts;

    private DepartmentModel(Basis basis, int historyDays, boolean countsKnown, double baseline, double[] months,
                            double[] weekdays, double first, double last, double afterHoliday, double[][] hourShares) {
        this.basis = basis;
        this.historyDays = historyDays;
        this.countsKnown = countsKnown;
        this.baseline = baseline;
        this.months = months;
        this.weekdays = weekdays;
        this.first = first;
        this.last = last;
        this.afterHoliday = afterHoliday;
        this.hourShares = hourShares;
    }

    /** The standard pattern alone; cut points from its expected days between {@code from} and {@code to}. */
    public static DepartmentModel standard(StandardPattern.Shape shape, BusinessCalendar calendar, LocalDate from,
                                           LocalDate to) {
        double[][] hours = new double[5][];
        Arrays.fill(hours, shape.hours());
        DepartmentModel model = new DepartmentModel(Basis.STANDARD, 0, shape.dailyMean().isPresent(),
                shape.dailyMean().orElse(1), shape.months(), shape.weekdays(), 1, 1, 1, hours);
        model.cutsOver(calendar, from, to);
        return model;
    }

    /**
     * Fits the model on recorded business days: for each date, tickets per clock hour from
     * {@link StandardPattern#FIRST_HOUR} ({@link StandardPattern#HOURS} entries). Closed days are ignored.
     */
    public static DepartmentModel fit(SortedMap<LocalDate, int[]> history, StandardPattern.Shape prior,
                                      BusinessCalendar calendar, double shrink) {
        List<BusinessCalendar.DayFeatures> days = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        double[][] hourCounts = new double[5][StandardPattern.HOURS];
        for (Map.Entry<LocalDate, int[]> e : history.entrySet()) {
            if (!calendar.isBusinessDay(e.getKey())) {
                continue;
            }
            days.add(calendar.features(e.getKey()));
            counts.add((double) Arrays.stream(e.getValue()).sum());
            int w = e.getKey().getDayOfWeek().getValue() - 1;
            for (int h = 0; h < StandardPattern.HOURS; h++) {
                hourCounts[w][h] += e.getValue()[h];
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("No business days in the history");
        }
        double[] y = counts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] months = prior.months().clone();
        double[] weekdays = prior.weekdays().clone();
        double[] edges = {1, 1, 1}; // first, last, after holiday
        double baseline = 1;
        for (int round = 0; round < ROUNDS; round++) {
            baseline = sum(y) / sum(predict(days, 1, months, weekdays, edges));
            // Months: ratio of observed to predicted on that month's days, shrunk towards the standard shape.
            double[] obs = new double[12];
            double[] exp = new double[12];
            int[] n = new int[12];
            double[] p = predict(days, baseline, months, weekdays, edges);
            for (int i = 0; i < days.size(); i++) {
                int m = days.get(i).month() - 1;
                obs[m] += y[i];
                exp[m] += p[i];
                n[m]++;
            }
            for (int m = 0; m < 12; m++) {
                double ratio = exp[m] > 0 ? obs[m] / exp[m] : 1;
                months[m] = shrunk(months[m] * ratio, n[m], prior.months()[m], shrink);
            }
            months = rescale(months);
            p = predict(days, baseline, months, weekdays, edges);
            obs = new double[5];
            exp = new double[5];
            n = new int[5];
            for (int i = 0; i < days.size(); i++) {
                int w = days.get(i).weekday().getValue() - 1;
                obs[w] += y[i];
                exp[w] += p[i];
                n[w]++;
            }
            for (int w = 0; w < 5; w++) {
                double ratio = exp[w] > 0 ? obs[w] / exp[w] : 1;
                weekdays[w] = shrunk(weekdays[w] * ratio, n[w], prior.weekdays()[w], shrink);
            }
            weekdays = rescale(weekdays);
            for (int k = 0; k < 3; k++) {
                p = predict(days, baseline, months, weekdays, edges);
                double o = 0;
                double x = 0;
                int c = 0;
                for (int i = 0; i < days.size(); i++) {
                    if (edge(days.get(i), k)) {
                        o += y[i];
                        x += p[i];
                        c++;
                    }
                }
                edges[k] = shrunk(x > 0 ? edges[k] * o / x : 1, c, 1, shrink);
            }
        }
        baseline = sum(y) / sum(predict(days, 1, months, weekdays, edges));

        double[] allWeek = new double[StandardPattern.HOURS];
        for (double[] row : hourCounts) {
            for (int h = 0; h < row.length; h++) {
                allWeek[h] += row[h];
            }
        }
        double[] weekShare = pooled(allWeek, prior.hours(), HOUR_SHRINK);
        double[][] shares = new double[5][];
        for (int w = 0; w < 5; w++) {
            shares[w] = pooled(hourCounts[w], weekShare, HOUR_SHRINK);
        }
        DepartmentModel model = new DepartmentModel(Basis.HISTORY, days.size(), true, baseline, months, weekdays,
                edges[0], edges[1], edges[2], shares);
        model.cutsOver(calendar, days.get(Math.max(0, days.size() - 1)).date().minusDays(364),
                days.get(days.size() - 1).date());
        return model;
    }

    private static boolean edge(BusinessCalendar.DayFeatures f, int k) {
        return switch (k) {
            case 0 -> f.firstOfMonth();
            case 1 -> f.lastOfMonth();
            default -> f.afterHoliday();
        };
    }

    /** (n × observed + k × prior) / (n + k): a cell with few days stays near the prior. */
    private static double shrunk(double observed, int n, double prior, double k) {
        return (n * observed + k * prior) / (n + k);
    }

    private static double[] pooled(double[] counts, double[] priorShare, double k) {
        double total = sum(counts);
        double[] share = new double[counts.length];
        for (int h = 0; h < counts.length; h++) {
            share[h] = (counts[h] + k * priorShare[h]) / (total + k);
        }
        return share;
    }

    private static double[] rescale(double[] factors) {
        double mean = Arrays.stream(factors).average().orElse(1);
        return Arrays.stream(factors).map(f -> f / mean).toArray();
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    private static double[] predict(List<BusinessCalendar.DayFeatures> days, double baseline, double[] months,
                                    double[] weekdays, double[] edges) {
        double[] p = new double[days.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = expected(days.get(i), baseline, months, weekdays, edges[0], edges[1], edges[2]);
        }
        return p;
    }

    private static double expected(BusinessCalendar.DayFeatures f, double baseline, double[] months,
                                   double[] weekdays, double first, double last, double afterHoliday) {
        return baseline * months[f.month() - 1] * weekdays[f.weekday().getValue() - 1]
                * (f.firstOfMonth() ? first : 1) * (f.lastOfMonth() ? last : 1)
                * (f.afterHoliday() ? afterHoliday : 1);
    }

    /** Expected tickets on an open day. */
    public double expected(BusinessCalendar.DayFeatures f) {
        return expected(f, baseline, months, weekdays, first, last, afterHoliday);
    }

    /** Expected tickets per clock hour on an open day, from {@link StandardPattern#FIRST_HOUR}. */
    public double[] expectedHours(BusinessCalendar.DayFeatures f) {
        double day = expected(f);
        return Arrays.stream(hourShares[f.weekday().getValue() - 1]).map(s -> s * day).toArray();
    }

    private void cutsOver(BusinessCalendar calendar, LocalDate from, LocalDate to) {
        List<Double> daily = new ArrayList<>();
        List<Double> hourly = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isBusinessDay(d)) {
                BusinessCalendar.DayFeatures f = calendar.features(d);
                daily.add(expected(f));
                for (double h : expectedHours(f)) {
                    hourly.add(h);
                }
            }
        }
        dayCuts = quantiles(daily);
        hourCuts = quantiles(hourly);
    }

    private static double[] quantiles(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] cuts = new double[CongestionLevel.QUANTILES.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1,
                    Math.floor(CongestionLevel.QUANTILES[i] * sorted.length))];
        }
        return cuts;
    }

    public CongestionLevel dayLevel(double expected) {
        return CongestionLevel.of(expected, dayCuts);
    }

    public CongestionLevel hourLevel(double expected) {
        return CongestionLevel.of(expected, hourCuts);
    }

    public Basis basis() {
        return basis;
    }

    public int historyDays() {
        return historyDays;
    }

    /** False for the standard pattern of a department without a known volume: levels only, no counts. */
    public boolean countsKnown() {
        return countsKnown;
    }

    public double baseline() {
        return baseline;
    }

    public double monthFactor(int month) {
        return months[month - 1];
    }

    public double weekdayFactor(DayOfWeek day) {
        return weekdays[day.getValue() - 1];
    }

    public double firstFactor() {
        return first;
    }

    public double lastFactor() {
        return last;
    }

    public double afterHolidayFactor() {
        return afterHoliday;
    }

    public double[] hourShares(DayOfWeek day) {
        return hourShares[day.getValue() - 1].clone();
    }

    public double[] dayCuts() {
        return dayCuts.clone();
    }
}

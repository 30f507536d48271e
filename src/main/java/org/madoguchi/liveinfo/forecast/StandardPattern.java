package org.madoguchi.liveinfo.forecast;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The forecast before an office has history of its own: Itabashi's yearly ticket counts per department
 * (audit 図表3, 令和5年度) spread over R5's 243 business days, shaped by the seasonality that the demo simulator
 * also assumes (busiest month after 図表4-1, heavier Mondays, a mid-morning and an early-afternoon peak).
 * Written out here rather than taken from the demo package, which is reception's private business.
 */
public final class StandardPattern {

    /** Business days in fiscal R5 (2023-04 to 2024-03). */
    static final int BUSINESS_DAYS_R5 = 243;

    /** First hour of the day profile (08:30-09:00 is hour 8) and the number of hours (to 17:00-17:15). */
    public static final int FIRST_HOUR = 8;
    public static final int HOURS = 10;

    /** 図表3, R5 tickets; the last four are assumptions (not on the audited system), flagged as such. */
    private static final Map<String, Integer> ANNUAL_AUDITED = Map.of(
            "koseki-jumin", 240_533, "kokuho-nenkin", 74_842, "kosodate", 21_065,
            "koki-korei", 17_162, "kaigo", 13_778, "choju", 4_480);
    private static final Map<String, Integer> ANNUAL_ASSUMED = Map.of(
            "kazei", 12_000, "nozei", 8_000, "shogai", 5_000, "hoiku", 4_000);

    //                                                                  Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
    private static final Map<String, double[]> MONTHS = Map.of(
            "koseki-jumin",  new double[] {1.00, 1.00, 1.50, 1.35, 1.00, 0.90, 0.90, 0.80, 0.90, 0.90, 0.90, 0.95},
            "kokuho-nenkin", new double[] {1.05, 1.40, 1.30, 1.20, 0.95, 1.05, 0.90, 0.75, 0.85, 0.85, 0.85, 0.85},
            "kosodate",      new double[] {0.95, 0.95, 1.10, 1.15, 0.95, 1.10, 0.95, 1.35, 0.90, 0.80, 0.85, 0.95},
            "koki-korei",    new double[] {0.95, 0.95, 0.95, 1.00, 0.85, 0.95, 1.40, 1.20, 0.95, 0.90, 0.90, 0.90},
            "kaigo",         new double[] {0.95, 0.90, 1.00, 1.05, 1.00, 1.00, 1.05, 1.15, 1.00, 0.95, 0.95, 1.00},
            "choju",         new double[] {0.90, 0.90, 1.00, 1.70, 1.10, 1.00, 0.95, 0.90, 0.95, 0.90, 0.90, 0.80},
            "kazei",         new double[] {0.90, 1.70, 1.60, 0.90, 0.80, 1.10, 0.90, 0.80, 0.80, 0.80, 0.80, 0.90},
            "nozei",         new double[] {1.00, 1.00, 1.00, 1.00, 1.00, 1.10, 1.00, 1.00, 1.00, 1.00, 0.95, 0.95},
            "shogai",        new double[] {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00},
            "hoiku",         new double[] {1.10, 1.00, 0.90, 0.80, 0.70, 0.70, 0.80, 0.80, 0.90, 1.40, 1.60, 1.30});

    /** Monday carries the weekend's backlog. Index 0 = Monday. */
    private static final double[] WEEKDAYS = {1.25, 1.00, 0.95, 0.85, 0.95};

    /** Arrivals per clock hour from 8 (08:30-09:00, half an hour) to 17 (17:00-17:15, a quarter). */
    private static final double[] HOURLY = {2.1, 5.8, 6.5, 4.5, 2.7, 5.6, 5.0, 3.6, 2.2, 0.2};

    /** A department's standard shape. {@code dailyMean} is empty where no volume is known. */
    public record Shape(OptionalDouble dailyMean, boolean audited, double[] months, double[] weekdays,
                        double[] hours) {
    }

    private StandardPattern() {
    }

    /**
     * The shape for a department. Departments outside Itabashi's audited floor (another office's counter)
     * take the 戸籍住民課 seasonality, the closest thing to a general resident-services window, and no volume.
     */
    public static Shape of(String departmentId) {
        Integer annual = ANNUAL_AUDITED.getOrDefault(departmentId, ANNUAL_ASSUMED.get(departmentId));
        double[] months = MONTHS.getOrDefault(departmentId, MONTHS.get("koseki-jumin"));
        return new Shape(annual == null ? OptionalDouble.empty() : OptionalDouble.of((double) annual / BUSINESS_DAYS_R5),
                ANNUAL_AUDITED.containsKey(departmentId), normalised(months), normalised(WEEKDAYS), share(HOURLY));
    }

    static double[] normalised(double[] weights) {
        double mean = Arrays.stream(weights).average().orElse(1);
        return Arrays.stream(weights).map(w -> w / mean).toArray();
    }

    static double[] share(double[] weights) {
        double total = Arrays.stream(weights).sum();
        return Arrays.stream(weights).map(w -> w / total).toArray();
    }
}

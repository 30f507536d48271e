package org.madoguchi.platform;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How busy Itabashi's counters are over a year, a week and a day: the one set of assumptions that the demo's
 * arrivals (reception), the congestion forecast before an office has history of its own (liveinfo) and the
 * generated nine-year history (statistics) all draw from, so they cannot drift apart.
 *
 * <p>Volumes are the audit's 図表3 for 令和5年度; the four departments that are not on the audited reception system
 * get small assumed volumes so that their counters move too. Month shapes peak in the month with the longest
 * average wait in 図表4-1 and dip in the shortest, plus the ward's known seasons (住民税の申告 mid-February to
 * mid-March, nursery applications in autumn). Weights are relative; callers normalise them as they need.
 */
public final class ItabashiPattern {

    /** Business days in fiscal R5 (2023-04 to 2024-03): weekdays without holidays and 12/29 to 1/3. */
    public static final int BUSINESS_DAYS_R5 = 243;

    /** Opening hours, in {@link #SLOT_MINUTES}-minute slots. */
    public static final LocalTime OPENS = LocalTime.of(8, 30);
    public static final LocalTime CLOSES = LocalTime.of(17, 15);
    public static final int SLOT_MINUTES = 15;

    private static final Map<String, Integer> ANNUAL_R5 = new LinkedHashMap<>();
    private static final List<String> AUDITED = List.of("koseki-jumin", "kokuho-nenkin", "kosodate", "koki-korei",
            "kaigo", "choju");
    private static final Map<String, double[]> MONTHS = new LinkedHashMap<>();

    static {
        ANNUAL_R5.put("koseki-jumin", 240_533);
        ANNUAL_R5.put("kokuho-nenkin", 74_842);
        ANNUAL_R5.put("kosodate", 21_065);
        ANNUAL_R5.put("koki-korei", 17_162);
        ANNUAL_R5.put("kaigo", 13_778);
        ANNUAL_R5.put("choju", 4_480);
        ANNUAL_R5.put("kazei", 12_000);
        ANNUAL_R5.put("nozei", 8_000);
        ANNUAL_R5.put("shogai", 5_000);
        ANNUAL_R5.put("hoiku", 4_000);

        //                                  Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
        MONTHS.put("koseki-jumin",  new double[] {1.00, 1.00, 1.50, 1.35, 1.00, 0.90, 0.90, 0.80, 0.90, 0.90, 0.90, 0.95});
        MONTHS.put("kokuho-nenkin", new double[] {1.05, 1.40, 1.30, 1.20, 0.95, 1.05, 0.90, 0.75, 0.85, 0.85, 0.85, 0.85});
        MONTHS.put("kosodate",      new double[] {0.95, 0.95, 1.10, 1.15, 0.95, 1.10, 0.95, 1.35, 0.90, 0.80, 0.85, 0.95});
        MONTHS.put("koki-korei",    new double[] {0.95, 0.95, 0.95, 1.00, 0.85, 0.95, 1.40, 1.20, 0.95, 0.90, 0.90, 0.90});
        MONTHS.put("kaigo",         new double[] {0.95, 0.90, 1.00, 1.05, 1.00, 1.00, 1.05, 1.15, 1.00, 0.95, 0.95, 1.00});
        MONTHS.put("choju",         new double[] {0.90, 0.90, 1.00, 1.70, 1.10, 1.00, 0.95, 0.90, 0.95, 0.90, 0.90, 0.80});
        MONTHS.put("kazei",         new double[] {0.90, 1.70, 1.60, 0.90, 0.80, 1.10, 0.90, 0.80, 0.80, 0.80, 0.80, 0.90});
        MONTHS.put("nozei",         new double[] {1.00, 1.00, 1.00, 1.00, 1.00, 1.10, 1.00, 1.00, 1.00, 1.00, 0.95, 0.95});
        MONTHS.put("shogai",        new double[] {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00});
        MONTHS.put("hoiku",         new double[] {1.10, 1.00, 0.90, 0.80, 0.70, 0.70, 0.80, 0.80, 0.90, 1.40, 1.60, 1.30});
    }

    /**
     * Share of the tickets first issued at a department that go on to another linked department (窓口連携), and
     * share of called visitors who do not answer (不在). Assumptions, not audited figures: the generated history
     * and the demo both follow them.
     */
    private static final Map<String, Double> HAND_OVER_SHARE = Map.of("koseki-jumin", 0.06, "choju", 0.08,
            "kaigo", 0.06, "koki-korei", 0.08, "kokuho-nenkin", 0.03, "kosodate", 0.03);
    public static final double ABSENT_SHARE = 0.02;

    /** Mondays carry the weekend's backlog; the rest of the week is flatter. Index 0 = Monday. */
    private static final double[] WEEKDAYS = {1.25, 1.00, 0.95, 0.85, 0.95};

    /**
     * Relative arrivals per 15-minute slot from 08:30 to 17:15 (35 slots): a rush at opening, the highest peak
     * mid-morning, a dip at lunch, a second peak early in the afternoon, and a thin last hour.
     */
    private static final double[] SLOTS = {
            1.0, 1.1,                 // 08:30-09:00 opening
            1.3, 1.4, 1.5, 1.6,       // 09
            1.7, 1.7, 1.6, 1.5,       // 10 mid-morning peak
            1.3, 1.2, 1.1, 0.9,       // 11
            0.7, 0.6, 0.6, 0.8,       // 12 lunch
            1.2, 1.4, 1.5, 1.5,       // 13 early-afternoon peak
            1.4, 1.3, 1.2, 1.1,       // 14
            1.0, 0.9, 0.9, 0.8,       // 15
            0.7, 0.6, 0.5, 0.4,       // 16
            0.2                       // 17:00-17:15
    };

    private ItabashiPattern() {
    }

    /** Every department with a volume, the audited ones first, in a fixed order. */
    public static List<String> departments() {
        return List.copyOf(ANNUAL_R5.keySet());
    }

    /** Tickets issued in fiscal R5, from 図表3 for the audited departments and assumed for the others. */
    public static OptionalInt annualTicketsR5(String departmentId) {
        Integer annual = ANNUAL_R5.get(departmentId);
        return annual == null ? OptionalInt.empty() : OptionalInt.of(annual);
    }

    /** Whether the department is on the audited reception system (its volume is the audit's, not assumed). */
    public static boolean audited(String departmentId) {
        return AUDITED.contains(departmentId);
    }

    /** Share of the department's tickets handed over to another department; 0 where visitors are not handed over. */
    public static double handOverShare(String departmentId) {
        return HAND_OVER_SHARE.getOrDefault(departmentId, 0.0);
    }

    /** Month weights, index 0 = January; null for a department without a shape. */
    public static double[] monthWeights(String departmentId) {
        double[] weights = MONTHS.get(departmentId);
        return weights == null ? null : weights.clone();
    }

    /** Weekday weights, index 0 = Monday, five days. */
    public static double[] weekdayWeights() {
        return WEEKDAYS.clone();
    }

    /** Weights of the 15-minute slots from {@link #OPENS} to {@link #CLOSES}. */
    public static double[] slotWeights() {
        return SLOTS.clone();
    }

    /**
     * The slot weights summed per clock hour, from 8 (08:30-09:00, two slots) to 17 (17:00-17:15, one slot).
     */
    public static double[] hourWeights() {
        int firstHour = OPENS.getHour();
        double[] hours = new double[CLOSES.getHour() - firstHour + 1];
        for (int i = 0; i < SLOTS.length; i++) {
            LocalTime start = OPENS.plusMinutes((long) i * SLOT_MINUTES);
            hours[start.getHour() - firstHour] += SLOTS[i];
        }
        return hours;
    }

    /** Weights scaled to a mean of 1 (month and weekday factors, so that a year's total stays the same). */
    public static double[] normalised(double[] weights) {
        double mean = Arrays.stream(weights).average().orElse(1);
        return Arrays.stream(weights).map(w -> w / mean).toArray();
    }

    /** Weights scaled to a sum of 1 (shares of a day). */
    public static double[] shares(double[] weights) {
        double total = Arrays.stream(weights).sum();
        return Arrays.stream(weights).map(w -> w / total).toArray();
    }
}

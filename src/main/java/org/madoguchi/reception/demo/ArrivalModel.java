package org.madoguchi.reception.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How many visitors take a ticket at each department of 本庁舎, and when. Pure arithmetic, no Spring,
 * so it can be checked against the audit ("DX による総合窓口サービスの向上", 図表3 and 図表4-1).
 *
 * <p>The expected number of tickets first issued at a department on a given day is
 * {@code annual / 243 × month factor × weekday factor}; within the day the tickets spread over 15-minute
 * slots from 08:30 to 17:15. Month and weekday factors average 1 so the yearly total stays the audit's.
 */
public final class ArrivalModel {

    /** Business days in fiscal R5 (2023-04 to 2024-03): weekdays without holidays and 12/29 to 1/3. */
    public static final int BUSINESS_DAYS_R5 = 243;

    public static final LocalTime OPENS = LocalTime.of(8, 30);
    public static final LocalTime CLOSES = LocalTime.of(17, 15);
    private static final int SLOT_MINUTES = 15;

    /** 図表3, 令和5年度 tickets per department; the last four are not in the audit (see {@link #fromAudit}). */
    private static final Map<String, Integer> ANNUAL = new LinkedHashMap<>();

    /** Relative weight of each month, index 0 = January. Normalised to a mean of 1 in the constructor. */
    private static final Map<String, double[]> MONTHS = new LinkedHashMap<>();

    static {
        // The audit counts tickets of the six departments on the reception system.
        ANNUAL.put("koseki-jumin", 240_533);
        ANNUAL.put("kokuho-nenkin", 74_842);
        ANNUAL.put("kosodate", 21_065);
        ANNUAL.put("koki-korei", 17_162);
        ANNUAL.put("kaigo", 13_778);
        ANNUAL.put("choju", 4_480);
        // Not on the system, so not in the audit: small assumed volumes, only so their counters move too.
        ANNUAL.put("kazei", 12_000);
        ANNUAL.put("nozei", 8_000);
        ANNUAL.put("shogai", 5_000);
        ANNUAL.put("hoiku", 4_000);

        // Month shapes follow the month with the longest average wait in 図表4-1 (busiest) and the shortest
        // (quietest), plus what the glossary and the ward's calendar say about peak seasons.
        //                                  Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
        MONTHS.put("koseki-jumin",  new double[] {1.00, 1.00, 1.50, 1.35, 1.00, 0.90, 0.90, 0.80, 0.90, 0.90, 0.90, 0.95});
        MONTHS.put("kokuho-nenkin", new double[] {1.05, 1.40, 1.30, 1.20, 0.95, 1.05, 0.90, 0.75, 0.85, 0.85, 0.85, 0.85});
        MONTHS.put("kosodate",      new double[] {0.95, 0.95, 1.10, 1.15, 0.95, 1.10, 0.95, 1.35, 0.90, 0.80, 0.85, 0.95});
        MONTHS.put("koki-korei",    new double[] {0.95, 0.95, 0.95, 1.00, 0.85, 0.95, 1.40, 1.20, 0.95, 0.90, 0.90, 0.90});
        MONTHS.put("kaigo",         new double[] {0.95, 0.90, 1.00, 1.05, 1.00, 1.00, 1.05, 1.15, 1.00, 0.95, 0.95, 1.00});
        MONTHS.put("choju",         new double[] {0.90, 0.90, 1.00, 1.70, 1.10, 1.00, 0.95, 0.90, 0.95, 0.90, 0.90, 0.80});
        // 住民税の申告 runs mid-February to mid-March; nursery applications gather in autumn.
        MONTHS.put("kazei",         new double[] {0.90, 1.70, 1.60, 0.90, 0.80, 1.10, 0.90, 0.80, 0.80, 0.80, 0.80, 0.90});
        MONTHS.put("nozei",         new double[] {1.00, 1.00, 1.00, 1.00, 1.00, 1.10, 1.00, 1.00, 1.00, 1.00, 0.95, 0.95});
        MONTHS.put("shogai",        new double[] {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00});
        MONTHS.put("hoiku",         new double[] {1.10, 1.00, 0.90, 0.80, 0.70, 0.70, 0.80, 0.80, 0.90, 1.40, 1.60, 1.30});
    }

    /** Mondays carry the weekend's backlog; the rest of the week is flatter. Index 0 = Monday. */
    private static final double[] WEEKDAYS = {1.25, 1.00, 0.95, 0.85, 0.95};

    /**
     * Relative arrivals per 15-minute slot from 08:30 to 17:15 (35 slots): a rush at opening, the highest
     * peak mid-morning, a dip at lunch, a second peak early in the afternoon, and a thin last hour.
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

    private final Map<String, double[]> months = new LinkedHashMap<>();
    private final double[] weekdays;
    private final double[] slotShare;

    public ArrivalModel() {
        MONTHS.forEach((department, factors) -> months.put(department, normalised(factors)));
        weekdays = normalised(WEEKDAYS);
        double total = Arrays.stream(SLOTS).sum();
        slotShare = Arrays.stream(SLOTS).map(w -> w / total).toArray();
        if (SLOTS.length * SLOT_MINUTES != Duration.between(OPENS, CLOSES).toMinutes()) {
            throw new IllegalStateException("The slot table must cover opening hours exactly");
        }
    }

    public Set<String> departments() {
        return ANNUAL.keySet();
    }

    /** Whether the department's volume comes from the audit rather than an assumption. */
    public static boolean fromAudit(String departmentId) {
        return Set.of("koseki-jumin", "kokuho-nenkin", "kosodate", "koki-korei", "kaigo", "choju")
                .contains(departmentId);
    }

    public int annualTickets(String departmentId) {
        return ANNUAL.getOrDefault(departmentId, 0);
    }

    /** Tickets on an average business day: the audit's yearly count spread over R5's business days. */
    public double averageDaily(String departmentId) {
        return (double) annualTickets(departmentId) / BUSINESS_DAYS_R5;
    }

    /** Weekends and 12/29 to 1/3 are closed; public holidays are left to the caller, they move every year. */
    public static boolean isBusinessDay(LocalDate date) {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        MonthDay md = MonthDay.from(date);
        return !(md.isAfter(MonthDay.of(12, 28)) || md.isBefore(MonthDay.of(1, 4)));
    }

    /** Expected tickets first issued at the department on this date (0 when the office is closed). */
    public double expectedDaily(String departmentId, LocalDate date) {
        if (!isBusinessDay(date) || !months.containsKey(departmentId)) {
            return 0;
        }
        return averageDaily(departmentId)
                * months.get(departmentId)[date.getMonthValue() - 1]
                * weekdays[date.getDayOfWeek().getValue() - 1];
    }

    /** Share of a day's tickets that arrive in the 15-minute slot holding {@code time}; 0 outside hours. */
    public double slotShare(LocalTime time) {
        if (time.isBefore(OPENS) || !time.isBefore(CLOSES)) {
            return 0;
        }
        return slotShare[(int) (Duration.between(OPENS, time).toMinutes() / SLOT_MINUTES)];
    }

    /** Expected tickets between {@code from} (inclusive) and {@code to} (exclusive) on the same day. */
    public double expectedBetween(String departmentId, LocalDate date, LocalTime from, LocalTime to) {
        double share = 0;
        for (int i = 0; i < SLOTS.length; i++) {
            LocalTime slotStart = OPENS.plusMinutes((long) i * SLOT_MINUTES);
            LocalTime slotEnd = slotStart.plusMinutes(SLOT_MINUTES);
            long overlap = Duration.between(later(slotStart, from), earlier(slotEnd, to)).toSeconds();
            if (overlap > 0) {
                share += slotShare[i] * overlap / (SLOT_MINUTES * 60.0);
            }
        }
        return expectedDaily(departmentId, date) * share;
    }

    /** Arrival intensity (tickets per minute) at one moment; the simulator multiplies it by elapsed time. */
    public double ratePerMinute(String departmentId, LocalDateTime at) {
        return expectedDaily(departmentId, at.toLocalDate()) * slotShare(at.toLocalTime()) / SLOT_MINUTES;
    }

    /** The highest rate of an average day, which the simulator sizes its counters for. */
    public double averagePeakRatePerMinute(String departmentId) {
        double peakShare = Arrays.stream(slotShare).max().orElse(0);
        return averageDaily(departmentId) * peakShare / SLOT_MINUTES;
    }

    private static LocalTime later(LocalTime a, LocalTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalTime earlier(LocalTime a, LocalTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static double[] normalised(double[] weights) {
        double mean = Arrays.stream(weights).average().orElse(1);
        return Arrays.stream(weights).map(w -> w / mean).toArray();
    }
}

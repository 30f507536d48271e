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
import org.madoguchi.platform.ItabashiPattern;

/**
 * How many visitors take a ticket at each department of 本庁舎, and when. Pure arithmetic, no Spring,
 * so it can be checked against the audit ("DX による総合窓口サービスの向上", 図表3 and 図表4-1).
 *
 * <p>The expected number of tickets first issued at a department on a given day is
 * {@code annual / 243 × month factor × weekday factor}; within the day the tickets spread over 15-minute
 * slots from 08:30 to 17:15. Month and weekday factors average 1 so the yearly total stays the audit's. The
 * figures are the ward's shared assumptions ({@link ItabashiPattern}).
 */
public final class ArrivalModel {

    /** Business days in fiscal R5 (2023-04 to 2024-03): weekdays without holidays and 12/29 to 1/3. */
    public static final int BUSINESS_DAYS_R5 = ItabashiPattern.BUSINESS_DAYS_R5;

    public static final LocalTime OPENS = ItabashiPattern.OPENS;
    public static final LocalTime CLOSES = ItabashiPattern.CLOSES;
    private static final int SLOT_MINUTES = ItabashiPattern.SLOT_MINUTES;

    private final Map<String, double[]> months = new LinkedHashMap<>();
    private final double[] weekdays;
    private final double[] slotShare;

    public ArrivalModel() {
        for (String department : ItabashiPattern.departments()) {
            months.put(department, ItabashiPattern.normalised(ItabashiPattern.monthWeights(department)));
        }
        weekdays = ItabashiPattern.normalised(ItabashiPattern.weekdayWeights());
        slotShare = ItabashiPattern.shares(ItabashiPattern.slotWeights());
        if (slotShare.length * SLOT_MINUTES != Duration.between(OPENS, CLOSES).toMinutes()) {
            throw new IllegalStateException("The slot table must cover opening hours exactly");
        }
    }

    public Set<String> departments() {
        return months.keySet();
    }

    /** Whether the department's volume comes from the audit rather than an assumption. */
    public static boolean fromAudit(String departmentId) {
        return ItabashiPattern.audited(departmentId);
    }

    public int annualTickets(String departmentId) {
        return ItabashiPattern.annualTicketsR5(departmentId).orElse(0);
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
        for (int i = 0; i < slotShare.length; i++) {
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

    /** The highest rate of the day (its busiest 15 minutes), which the simulator sizes its counters for. */
    public double peakRatePerMinute(String departmentId, LocalDate date) {
        double peakShare = Arrays.stream(slotShare).max().orElse(0);
        return expectedDaily(departmentId, date) * peakShare / SLOT_MINUTES;
    }

    private static LocalTime later(LocalTime a, LocalTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalTime earlier(LocalTime a, LocalTime b) {
        return a.isBefore(b) ? a : b;
    }
}

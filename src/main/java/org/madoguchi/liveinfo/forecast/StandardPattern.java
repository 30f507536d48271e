package org.madoguchi.liveinfo.forecast;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.madoguchi.platform.ItabashiPattern;

/**
 * The forecast before an office has history of its own: Itabashi's yearly ticket counts per department
 * (audit 図表3, 令和5年度) spread over R5's 243 business days, shaped by the ward's seasonality
 * ({@link ItabashiPattern}: busiest month after 図表4-1, heavier Mondays, a mid-morning and an early-afternoon peak).
 */
public final class StandardPattern {

    /** Business days in fiscal R5 (2023-04 to 2024-03). */
    static final int BUSINESS_DAYS_R5 = ItabashiPattern.BUSINESS_DAYS_R5;

    /** First hour of the day profile (08:30-09:00 is hour 8) and the number of hours (to 17:00-17:15). */
    public static final int FIRST_HOUR = 8;
    public static final int HOURS = 10;

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
        OptionalInt annual = ItabashiPattern.annualTicketsR5(departmentId);
        double[] months = ItabashiPattern.monthWeights(departmentId);
        if (months == null) {
            months = ItabashiPattern.monthWeights("koseki-jumin");
        }
        double[] hours = ItabashiPattern.hourWeights();
        if (hours.length != HOURS || ItabashiPattern.OPENS.getHour() != FIRST_HOUR) {
            throw new IllegalStateException("The forecast's day profile does not match the opening hours");
        }
        return new Shape(annual.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of((double) annual.getAsInt() / BUSINESS_DAYS_R5), ItabashiPattern.audited(departmentId),
                ItabashiPattern.normalised(months), ItabashiPattern.normalised(ItabashiPattern.weekdayWeights()),
                ItabashiPattern.shares(hours));
    }
}

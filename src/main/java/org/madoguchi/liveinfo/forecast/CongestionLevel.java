package org.madoguchi.liveinfo.forecast;

/**
 * How crowded a day (or an hour) is expected to be, relative to the department's own typical day: the cut
 * points are quantiles of the department's expected days over a reference year, so a counter with 18 visitors
 * a day and one with 1,000 both show their own quiet and busy days.
 */
public enum CongestionLevel {
    QUIET("空いています"),
    SOMEWHAT_BUSY("やや混雑"),
    BUSY("混雑"),
    VERY_BUSY("大変混雑");

    /** Shares of the reference days below each cut: 40 % quiet, 35 % somewhat busy, 17 % busy, 8 % very busy. */
    static final double[] QUANTILES = {0.40, 0.75, 0.92};

    private final String labelJa;

    CongestionLevel(String labelJa) {
        this.labelJa = labelJa;
    }

    public String labelJa() {
        return labelJa;
    }

    /** The level of a value given the three ascending cut points. */
    public static CongestionLevel of(double value, double[] cuts) {
        int i = 0;
        while (i < cuts.length && value > cuts[i]) {
            i++;
        }
        return values()[i];
    }
}

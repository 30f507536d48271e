package org.madoguchi.liveinfo.forecast;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.madoguchi.reception.demo.ArrivalModel;

/**
 * Made-up history to test the forecast on: the demo's arrival model (Itabashi's volumes, months, weekdays and
 * hours) plus what real counters see and the model is meant to learn — a rush on the first and last business
 * day of the month and after holidays — plus what it cannot know: a slow trend and day-to-day noise (a
 * log-normal day effect on top of Poisson arrivals). Seeded, so every run produces the same history.
 */
final class SimulatedHistory {

    static final double FIRST_DAY = 1.20;
    static final double LAST_DAY = 1.15;
    static final double AFTER_HOLIDAY = 1.30;
    static final double DAY_NOISE = 0.12;
    static final double TREND_PER_YEAR = 0.02;

    private final ArrivalModel arrivals = new ArrivalModel();
    private final BusinessCalendar calendar;
    private final Random random;

    SimulatedHistory(BusinessCalendar calendar, long seed) {
        this.calendar = calendar;
        this.random = new Random(seed);
    }

    Iterable<String> departments() {
        return arrivals.departments();
    }

    /** Tickets per clock hour (from 8) for every business day from {@code from} to {@code to}, per department. */
    Map<String, SortedMap<LocalDate, int[]>> generate(LocalDate from, LocalDate to) {
        Map<String, SortedMap<LocalDate, int[]>> result = new LinkedHashMap<>();
        for (String department : arrivals.departments()) {
            result.put(department, new TreeMap<>());
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!calendar.isBusinessDay(d)) {
                continue;
            }
            YearMonth month = YearMonth.from(d);
            double effect = (d.equals(calendar.firstBusinessDay(month)) ? FIRST_DAY : 1)
                    * (d.equals(calendar.lastBusinessDay(month)) ? LAST_DAY : 1)
                    * (calendar.afterHoliday(d) ? AFTER_HOLIDAY : 1)
                    * (1 + TREND_PER_YEAR * (d.toEpochDay() - from.toEpochDay()) / 365.0);
            for (String department : arrivals.departments()) {
                double day = effect * Math.exp(DAY_NOISE * random.nextGaussian() - DAY_NOISE * DAY_NOISE / 2);
                int[] hours = new int[StandardPattern.HOURS];
                for (int h = 0; h < hours.length; h++) {
                    LocalTime start = LocalTime.of(StandardPattern.FIRST_HOUR + h, 0);
                    hours[h] = poisson(day * arrivals.expectedBetween(department, d, start, start.plusHours(1)));
                }
                result.get(department).put(d, hours);
            }
        }
        return result;
    }

    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}

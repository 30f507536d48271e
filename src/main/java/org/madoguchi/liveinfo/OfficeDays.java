package org.madoguchi.liveinfo;

import java.time.LocalDate;
import org.madoguchi.liveinfo.forecast.BusinessCalendar;
import org.madoguchi.liveinfo.forecast.Holidays;

/**
 * Whether the counters are open on a date (weekdays, except national holidays and 12/29 to 1/3), for other
 * modules: the holiday calendar itself lives in the forecast subpackage, which they may not use directly.
 * Uses the bundled holiday_jp data, so the answer does not depend on a running application.
 */
public final class OfficeDays {

    private static final BusinessCalendar BUNDLED = new BusinessCalendar(
            Holidays.parse(OfficeDays.class.getResourceAsStream("/liveinfo/holidays.yml")));

    private OfficeDays() {
    }

    public static boolean isBusinessDay(LocalDate date) {
        return BUNDLED.isBusinessDay(date);
    }

    /** The first and last dates the bundled holiday data covers; outside them holidays are unknown. */
    public static LocalDate firstCovered() {
        return BUNDLED.holidays().first();
    }

    public static LocalDate lastCovered() {
        return BUNDLED.holidays().last();
    }
}

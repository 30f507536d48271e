package org.madoguchi.liveinfo.forecast;

import java.time.LocalDate;
import java.util.Optional;
import org.madoguchi.platform.OpeningCalendar;
import org.springframework.stereotype.Component;

/** The opening calendar of every module, from the holiday data in use (a newer holidays.yml included). */
@Component
class OfficeCalendar implements OpeningCalendar {

    private final HolidaySource holidays;

    OfficeCalendar(HolidaySource holidays) {
        this.holidays = holidays;
    }

    @Override
    public Optional<Closure> closure(LocalDate date) {
        return new BusinessCalendar(holidays.holidays()).closure(date);
    }

    @Override
    public Optional<HolidayName> holiday(LocalDate date) {
        return holidays.holidays().on(date).map(h -> new HolidayName(h.name(), h.nameEn()));
    }
}

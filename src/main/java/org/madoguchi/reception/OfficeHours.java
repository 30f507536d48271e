package org.madoguchi.reception;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.madoguchi.platform.OpeningCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Each office's {@link OpeningState} now, from the floor's clock (the demo's day while the demo runs), the office's
 * hours, the opening calendar (weekends, holidays, 年末年始) and whether the day has been closed already.
 *
 * <p>With {@code madoguchi.reception.opening-hours=false} only a closed day counts and the hours and calendar are
 * ignored: for a test bench whose screens must work at any wall-clock time.
 */
@Service
public class OfficeHours {

    private static final Logger log = LoggerFactory.getLogger(OfficeHours.class);

    private final FloorDirectory floors;
    private final BusinessClock clock;
    private final OpeningCalendar calendar;
    private final ReceptionService reception;
    private final boolean followHours;

    OfficeHours(FloorDirectory floors, BusinessClock clock, OpeningCalendar calendar, ReceptionService reception,
                @Value("${madoguchi.reception.opening-hours:true}") boolean followHours) {
        this.floors = floors;
        this.clock = clock;
        this.calendar = calendar;
        this.reception = reception;
        this.followHours = followHours;
    }

    public OpeningState now(String officeId) {
        Floor.Office office = floors.floor(officeId).office();
        Instant now = clock.instant();
        LocalDateTime local = LocalDateTime.ofInstant(now, ZoneId.of(office.timeZone()));
        boolean closed;
        try {
            closed = reception.isDayClosed(officeId, local.toLocalDate());
        } catch (DataAccessException e) {
            // The database is away: the hours and the calendar still answer; the screens say the rest.
            log.debug("Day closing of {} unknown: {}", officeId, e.toString());
            closed = false;
        }
        return at(office, local, now, followHours ? calendar : null, closed);
    }

    /**
     * The state at a local time; {@code calendar} null ignores hours and calendar (always open unless closed).
     * Pure, for tests.
     */
    static OpeningState at(Floor.Office office, LocalDateTime local, Instant asOf, OpeningCalendar calendar,
                           boolean dayClosed) {
        LocalDate today = local.toLocalDate();
        if (calendar == null) {
            OpeningState.Phase phase = dayClosed ? OpeningState.Phase.CLOSED_FOR_TODAY : OpeningState.Phase.OPEN;
            return new OpeningState(office.id(), phase, today, office.opensAt(), office.closesAt(), dayClosed,
                    null, null, dayClosed ? today.plusDays(1) : today, asOf);
        }
        Optional<OpeningCalendar.Closure> closure = calendar.closure(today);
        Optional<OpeningCalendar.HolidayName> holiday = calendar.holiday(today);
        String holidayJa = holiday.map(OpeningCalendar.HolidayName::ja).orElse(null);
        String holidayEn = holiday.map(OpeningCalendar.HolidayName::en).orElse(null);
        OpeningState.Phase phase;
        LocalDate next;
        if (closure.isPresent()) {
            phase = closure.get() == OpeningCalendar.Closure.YEAR_END
                    ? OpeningState.Phase.YEAR_END : OpeningState.Phase.CLOSED_DAY;
            next = calendar.nextOpening(today.plusDays(1)).orElse(null);
        } else if (dayClosed || !local.toLocalTime().isBefore(office.closesAt())) {
            phase = OpeningState.Phase.CLOSED_FOR_TODAY;
            next = calendar.nextOpening(today.plusDays(1)).orElse(null);
        } else if (local.toLocalTime().isBefore(office.opensAt())) {
            phase = OpeningState.Phase.BEFORE_OPENING;
            next = today;
        } else {
            phase = OpeningState.Phase.OPEN;
            next = today;
        }
        return new OpeningState(office.id(), phase, today, office.opensAt(), office.closesAt(),
                dayClosed && closure.isEmpty(), holidayJa, holidayEn, next, asOf);
    }
}

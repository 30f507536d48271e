package org.madoguchi.liveinfo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Pattern;
import org.madoguchi.reception.BusinessClock;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.TicketStatus;
import org.springframework.stereotype.Service;

/**
 * The visitor's ticket through the unguessable token printed as a QR code. A ticket is only shown on its
 * service day until the office closes; a wrong token and an unknown one get exactly the same answer.
 */
@Service
public class LiveTickets {

    /** The tokens reception prints: 16 random bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    public enum Outcome { CURRENT, EXPIRED, UNKNOWN }

    public record Lookup(Outcome outcome, TicketStatus status) {
        public boolean current() {
            return outcome == Outcome.CURRENT;
        }
    }

    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final BusinessClock clock;

    LiveTickets(ReceptionService reception, FloorDirectory floors, BusinessClock clock) {
        this.reception = reception;
        this.floors = floors;
        this.clock = clock;
    }

    public Lookup find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return new Lookup(Outcome.UNKNOWN, null);
        }
        Optional<TicketStatus> found = reception.statusByToken(token);
        if (found.isEmpty()) {
            return new Lookup(Outcome.UNKNOWN, null);
        }
        TicketStatus status = found.get();
        return new Lookup(expired(status) ? Outcome.EXPIRED : Outcome.CURRENT, status);
    }

    /**
     * Over when the day was closed, when the service day is past, or at the office's closing time. A ticket
     * issued after closing time (only where the day is not closed automatically: demos, tests) lasts until
     * midnight instead.
     */
    private boolean expired(TicketStatus status) {
        if (status.status().startsWith("CLOSED")) {
            return true;
        }
        Optional<Floor> floor = floors.find(status.officeId());
        if (floor.isEmpty()) {
            return true;
        }
        Floor.Office office = floor.get().office();
        ZoneId zone = ZoneId.of(office.timeZone());
        LocalDate serviceDay = status.issuedAt().atZone(zone).toLocalDate();
        ZonedDateTime closes = serviceDay.atTime(office.closesAt()).atZone(zone);
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalDate().isAfter(serviceDay)) {
            return true;
        }
        return status.issuedAt().isBefore(closes.toInstant()) && !now.isBefore(closes);
    }
}

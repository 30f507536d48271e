package org.madoguchi.reception.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.BusinessClock;
import org.madoguchi.reception.DayClosing;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.OfficeHours;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.OpeningState;
import org.madoguchi.reception.OpeningText;
import org.madoguchi.reception.QueueEntry;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.live.LiveEventHub;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Offices", description = "庁舎: floor configuration, live summary, event stream and closing the day")
class OfficeController {

    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final LiveEventHub hub;
    private final CurrentActor actor;
    private final BusinessClock clock;
    private final OfficeHours hours;
    private final MessageSource messages;

    OfficeController(ReceptionService reception, FloorDirectory floors, LiveEventHub hub, CurrentActor actor,
                     BusinessClock clock, OfficeHours hours, MessageSource messages) {
        this.hours = hours;
        this.messages = messages;
        this.reception = reception;
        this.floors = floors;
        this.hub = hub;
        this.actor = actor;
        this.clock = clock;
    }

    @GetMapping("/api/v1/offices")
    List<Floor.Office> offices() {
        return floors.offices();
    }

    @GetMapping("/api/v1/offices/{officeId}/floor")
    @Operation(summary = "Departments, counters, procedures and priority classes of an office (public)")
    Floor floor(@PathVariable String officeId) {
        return floors.floor(officeId);
    }

    @GetMapping("/api/v1/offices/{officeId}/summary")
    @Operation(summary = "Waiting counts and numbers being called, per department (public)")
    OfficeSummary summary(@PathVariable String officeId) {
        return reception.summary(officeId);
    }

    @GetMapping("/api/v1/offices/{officeId}/opening")
    @Operation(summary = "Whether the office accepts visitors now; if not, why (closed for today, before opening, "
            + "weekend or holiday, year-end) and when it opens next (public)")
    OpeningState opening(@PathVariable String officeId) {
        return hours.now(officeId);
    }

    @GetMapping("/api/v1/offices/{officeId}/opening/notice")
    @Operation(summary = "The opening state as a screen says it, in the request's language (public)")
    OpeningText.Notice openingNotice(@PathVariable String officeId, java.util.Locale locale) {
        return OpeningText.of(hours.now(officeId), messages, locale);
    }

    @GetMapping(path = "/api/v1/offices/{officeId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live events as Server-Sent Events (staff, and DISPLAY/KIOSK devices of the office; no personal data)",
            description = "Optional ?department= filter. Reconnect with Last-Event-ID to receive what was missed; a 'resync' event means reload the summary; "
                    + "'paused' means the database is away and nothing changes until the next 'resync'. "
                    + "Residents' pages use /api/v1/public/offices/{office}/status/stream instead.")
    SseEmitter events(@PathVariable String officeId, @RequestParam(required = false) String department,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Actor caller = actor.get();
        Floor floor = floors.floor(officeId);
        // Staff screens follow any office; a board or kiosk only the office it was registered for.
        if (!caller.isStaff() && !(isScreenDevice(caller) && officeId.equals(caller.officeId()))) {
            throw ProblemException.forbidden("not-this-office", "この端末はこの庁舎のイベントを受信できません。");
        }
        if (department != null && floor.department(department).isEmpty()) {
            throw ProblemException.notFound("unknown-department", "課「" + department + "」はこの庁舎にありません。");
        }
        Long last = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                last = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("invalid-last-event-id", "Last-Event-ID の形式が正しくありません。");
            }
        }
        return hub.subscribe(officeId, department, last, holder(caller));
    }

    private static boolean isScreenDevice(Actor caller) {
        return caller.role() == Actor.Role.DISPLAY || caller.role() == Actor.Role.KIOSK;
    }

    /** Whose streams count together for the per-holder limit: one login or one device. */
    private static String holder(Actor caller) {
        return caller.deviceId() != null ? "device:" + caller.deviceId() : "staff:" + caller.staffId();
    }

    @GetMapping("/api/v1/departments/{departmentId}/queue")
    @Operation(summary = "A department's waiting list in call order (staff of that department)")
    List<QueueEntry> queue(@PathVariable String departmentId) {
        return reception.queue(departmentId, actor.get());
    }

    @GetMapping("/api/v1/departments/{departmentId}/absent")
    @Operation(summary = "Absent visits of a department that may still return to the queue (staff of that department)")
    List<QueueEntry> absent(@PathVariable String departmentId) {
        return reception.absentVisits(departmentId, actor.get());
    }

    record CloseDayRequest(LocalDate serviceDate) {
    }

    @PostMapping("/api/v1/offices/{officeId}/close-day")
    @Operation(summary = "Close the service day (業務終了)", description = "Open visits become UNSERVED; the result lists them.")
    DayClosing closeDay(@PathVariable String officeId, @RequestBody(required = false) CloseDayRequest body) {
        Floor floor = floors.floor(officeId);
        LocalDate date = body != null && body.serviceDate() != null ? body.serviceDate()
                : LocalDate.ofInstant(clock.instant(), ZoneId.of(floor.office().timeZone()));
        return reception.closeDay(officeId, date, actor.get());
    }

    @GetMapping("/api/v1/offices/{officeId}/day-closings")
    List<DayClosing> dayClosings(@PathVariable String officeId) {
        return reception.dayClosings(officeId, 31, actor.get());
    }
}

package org.madoguchi.reception;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reception system's operations. One ticket per visitor, an itinerary of department visits, and at
 * every department the queue order (priority rank, ORIGINAL issue time): a visitor handed over from another
 * department never queues again from the back.
 *
 * <p>Locking: operations on one ticket lock the ticket row first and then its visits; calling the next
 * visitor locks only the chosen visit and skips visits other counters hold, so two counters never get the
 * same visitor and never wait for each other.
 */
@Service
public class ReceptionService {

    /** The seat holder recorded for the system itself (the demo's simulated staff). */
    public static final long SYSTEM_SEAT = 0L;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<VisitStatus> OPEN_STATES =
            Set.of(VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.SERVING, VisitStatus.ABSENT);

    private final JdbcClient jdbc;
    private final FloorDirectory floors;
    private final EventLog events;
    private final BusinessClock clock;
    private final ReceptionProperties properties;
    private final VisitWaits waits;

    ReceptionService(JdbcClient jdbc, FloorDirectory floors, EventLog events, BusinessClock clock,
                     ReceptionProperties properties, VisitWaits waits) {
        this.waits = waits;
        this.jdbc = jdbc;
        this.floors = floors;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    public record IssueResult(Ticket ticket, boolean replayed) {
    }

    public record CounterState(String counterId, String officeId, boolean open, Long staffId, Instant openedAt,
                               Ticket.Visit current, UUID currentTicketId, Integer currentNumber) {
    }

    // ---------------------------------------------------------------- issuing

    @Transactional
    public IssueResult issue(IssueTicket request, Actor actor) {
        Floor floor = floors.floor(request.officeId());
        TicketChannel channel = channelFor(actor, floor);
        validateItinerary(floor, request.itinerary());
        Floor.PriorityClass priority = floor.priorityClass(request.priorityClass())
                .orElseThrow(() -> ProblemException.invalid("unknown-priority-class",
                        "優先区分「" + request.priorityClass() + "」は登録されていません。"));
        String requestHash = hash(request.officeId() + "|" + request.priorityClass() + "|" + request.itinerary());
        String key = request.idempotencyKey();
        if (key != null) {
            if (key.isBlank() || key.length() > 128) {
                throw ProblemException.invalid("invalid-idempotency-key", "Idempotency-Key は 1〜128 文字で指定してください。");
            }
            // Serialises requests with the same key: the second waits, then finds the first one's ticket.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")
                    .param("k", request.officeId() + "|" + key).query((rs, n) -> 1).list();
            Optional<UUID> existing = jdbc.sql("""
                            SELECT id FROM reception.ticket WHERE office_id = :office AND idempotency_key = :key""")
                    .param("office", request.officeId()).param("key", key).query(UUID.class).optional();
            if (existing.isPresent()) {
                String storedHash = jdbc.sql("SELECT request_hash FROM reception.ticket WHERE id = :id")
                        .param("id", existing.get()).query(String.class).single();
                if (!requestHash.equals(storedHash)) {
                    throw ProblemException.invalid("idempotency-key-reused",
                            "この Idempotency-Key は別の内容の発券に使われています。新しいキーで送ってください。");
                }
                return new IssueResult(loadTicket(existing.get(), true), true);
            }
        }
        ZoneId zone = ZoneId.of(floor.office().timeZone());
        Instant now = clock.instant();
        LocalDate serviceDate = LocalDate.ofInstant(now, zone);
        if (dayClosed(floor.office().id(), serviceDate)) {
            throw ProblemException.conflict("day-closed", "本日の受付は終了しました。");
        }
        UUID ticketId = UUID.randomUUID();
        String token = newToken();
        // Everything is written first without a number; the number comes last (see allocateNumber).
        jdbc.sql("""
                        INSERT INTO reception.ticket (id, office_id, service_date, number, issued_at, channel, priority_class,
                            priority_rank, public_token, status, idempotency_key, request_hash)
                        VALUES (:id, :office, :date, NULL, :at, :channel, :priority, :rank, :token, 'OPEN', :key, :hash)""")
                .param("id", ticketId).param("office", floor.office().id()).param("date", serviceDate)
                .param("at", odt(now)).param("channel", channel.name())
                .param("priority", priority.id()).param("rank", priority.rank()).param("token", token)
                .param("key", key).param("hash", requestHash)
                .update();
        events.record(now, actor, new EventLog.Entry(EventType.ISSUED, floor.office().id(), ticketId, null, null,
                null, null, null, null, "{\"channel\":\"" + channel + "\",\"priorityClass\":\"" + priority.id() + "\"}"));
        List<Ticket.Visit> visits = new ArrayList<>();
        int seq = 1;
        for (ItineraryStep step : request.itinerary()) {
            boolean first = seq == 1;
            VisitStatus status = first ? VisitStatus.WAITING : VisitStatus.PENDING;
            long visitId = insertVisit(ticketId, seq, step, status, priority.rank(), now, null, first ? now : null);
            visits.add(new Ticket.Visit(visitId, seq++, step.departmentId(), status,
                    step.procedureIds().stream().distinct().sorted().toList(), first ? now : null, null, null, null, null, 0));
            if (first) {
                events.record(now, actor, new EventLog.Entry(EventType.QUEUED, floor.office().id(), ticketId, null,
                        visitId, step.departmentId(), null, null, VisitStatus.WAITING, null));
            }
        }
        int number = allocateNumber(floor.office().id(), serviceDate, ticketId);
        return new IssueResult(new Ticket(ticketId, floor.office().id(), serviceDate, number, now, channel,
                priority.id(), "OPEN", token, visits), false);
    }

    /**
     * Gives the ticket the next number of its office and day, and writes it onto the ticket, its visits and its
     * events, in one statement at the very end of the issuing transaction. The number row stays locked until
     * commit, so numbers are gap-free (a rolled-back issue returns its number) and unique; because it is taken
     * last, issuing at many kiosks at once waits for little more than each other's commits. Close-of-day marks
     * the same row closed under the same lock, so no ticket is numbered after its day closed.
     */
    private int allocateNumber(String officeId, LocalDate serviceDate, UUID ticketId) {
        // Notifications are queued until commit anyway; sending them now keeps that round trip out of the lock.
        events.sendPending();
        Optional<Integer> number = jdbc.sql("""
                        WITH n AS (
                            INSERT INTO reception.ticket_number (office_id, service_date, last_number) VALUES (:office, :date, 1)
                            ON CONFLICT (office_id, service_date)
                            DO UPDATE SET last_number = reception.ticket_number.last_number + 1
                            WHERE NOT reception.ticket_number.closed
                            RETURNING last_number),
                        t AS (UPDATE reception.ticket SET number = (SELECT last_number FROM n) WHERE id = :ticket RETURNING number),
                        v AS (UPDATE reception.visit SET ticket_number = (SELECT last_number FROM n) WHERE ticket_id = :ticket RETURNING 1),
                        e AS (UPDATE reception.event SET ticket_number = (SELECT last_number FROM n) WHERE ticket_id = :ticket RETURNING 1)
                        SELECT number FROM t""")
                .param("office", officeId).param("date", serviceDate).param("ticket", ticketId)
                .query(Integer.class).optional();
        // No number means the day's row is marked closed: the day closed while this ticket was being written.
        return number.orElseThrow(() -> ProblemException.conflict("day-closed", "本日の受付は終了しました。"));
    }

    private TicketChannel channelFor(Actor actor, Floor floor) {
        return switch (actor.role()) {
            case KIOSK -> {
                if (!floor.office().id().equals(actor.officeId())) {
                    throw ProblemException.forbidden("wrong-office", "この発券機は別の庁舎に登録されています。");
                }
                yield TicketChannel.KIOSK;
            }
            case ADMIN, MANAGER, STAFF -> TicketChannel.COUNTER;
            case SYSTEM -> TicketChannel.MODULE;
            case DISPLAY -> throw ProblemException.forbidden("forbidden", "表示端末は発券できません。");
            case METRICS -> throw ProblemException.forbidden("forbidden", "監視用の端末は発券できません。");
        };
    }

    private void validateItinerary(Floor floor, List<ItineraryStep> itinerary) {
        if (itinerary.isEmpty()) {
            throw ProblemException.invalid("empty-itinerary", "受付する課を 1 つ以上選んでください。");
        }
        if (itinerary.size() > 10) {
            throw ProblemException.invalid("itinerary-too-long", "1 枚の受付票で予約できる課は 10 までです。");
        }
        Set<String> seen = new HashSet<>();
        for (ItineraryStep step : itinerary) {
            validateStep(floor, step);
            if (!seen.add(step.departmentId())) {
                throw ProblemException.invalid("duplicate-department",
                        "「" + departmentName(floor, step.departmentId()) + "」が重複しています。手続は 1 つの課にまとめてください。");
            }
        }
        if (itinerary.size() > 1) {
            for (ItineraryStep step : itinerary) {
                Floor.Department d = floor.department(step.departmentId()).orElseThrow();
                if (!d.linked()) {
                    throw ProblemException.invalid("department-not-linked",
                            "「" + d.nameJa() + "」は窓口連携の対象外のため、他の課と同じ受付票では予約できません。");
                }
            }
        }
    }

    private void validateStep(Floor floor, ItineraryStep step) {
        if (step == null || step.departmentId() == null) {
            throw ProblemException.invalid("unknown-department", "課を指定してください。");
        }
        Floor.Department department = floor.department(step.departmentId())
                .orElseThrow(() -> ProblemException.invalid("unknown-department",
                        "課「" + step.departmentId() + "」はこの庁舎にありません。"));
        for (String procedureId : step.procedureIds()) {
            Floor.Procedure procedure = floor.procedure(procedureId)
                    .orElseThrow(() -> ProblemException.invalid("unknown-procedure",
                            "手続「" + procedureId + "」は登録されていません。"));
            if (!procedure.departmentId().equals(department.id())) {
                throw ProblemException.invalid("procedure-elsewhere",
                        "手続「" + procedure.nameJa() + "」は「" + department.nameJa() + "」の手続ではありません。");
            }
        }
    }

    private static String departmentName(Floor floor, String id) {
        return floor.department(id).map(Floor.Department::nameJa).orElse(id);
    }

    private long insertVisit(UUID ticketId, int seq, ItineraryStep step, VisitStatus status, int rank,
                             Instant originalIssuedAt, Integer number, Instant queuedAt) {
        long visitId = jdbc.sql("""
                        INSERT INTO reception.visit (ticket_id, seq, department_id, status, priority_rank, original_issued_at,
                            ticket_number, queued_at)
                        VALUES (:ticket, :seq, :department, :status, :rank, :issued, :number, :queued) RETURNING id""")
                .param("ticket", ticketId).param("seq", seq).param("department", step.departmentId())
                .param("status", status.name()).param("rank", rank).param("issued", odt(originalIssuedAt))
                .param("number", number).param("queued", queuedAt == null ? null : odt(queuedAt))
                .query(Long.class).single();
        for (String procedureId : new java.util.LinkedHashSet<>(step.procedureIds())) {
            jdbc.sql("INSERT INTO reception.visit_procedure (visit_id, procedure_id) VALUES (:v, :p)")
                    .param("v", visitId).param("p", procedureId).update();
        }
        return visitId;
    }

    /** Whether the office has issued a ticket on this date or closed it; the demo replays only unused days. */
    public boolean serviceDayUsed(String officeId, LocalDate date) {
        return jdbc.sql("SELECT count(*) FROM reception.ticket_number WHERE office_id = :o AND service_date = :d")
                .param("o", officeId).param("d", date).query(Long.class).single() > 0;
    }

    /** Whether the office's service day was closed (by staff, the automatic closing or the demo). */
    public boolean isDayClosed(String officeId, LocalDate date) {
        return dayClosed(officeId, date);
    }

    private boolean dayClosed(String officeId, LocalDate date) {
        return jdbc.sql("SELECT count(*) FROM reception.day_closing WHERE office_id = :o AND service_date = :d")
                .param("o", officeId).param("d", date).query(Long.class).single() > 0;
    }

    // ---------------------------------------------------------------- counters

    @Transactional
    public CounterState openCounter(String counterId, Actor actor) {
        Floor floor = floors.floorOfCounter(counterId);
        Floor.Counter counter = floor.counter(counterId).orElseThrow();
        requireStaffFor(actor, counter);
        CounterRow row = lockCounter(counterId);
        boolean rotates = floor.staffRotates(counter);
        // Only the demo opens counters as the system; a person who signs in there takes the counter over.
        boolean heldBySystem = row.openStaffId() != null && row.openStaffId() == SYSTEM_SEAT && actor.isStaff();
        if (row.openStaffId() != null && row.openStaffId() != seatHolder(actor) && !rotates && !heldBySystem) {
            throw ProblemException.conflict("counter-in-use", "この窓口は別の職員が使用中です。先に窓口を閉じてください。");
        }
        Instant now = clock.instant();
        // At a shared counter staff of each department take the seat in turn: the newcomer takes it over.
        if (row.openStaffId() == null || row.openStaffId() != seatHolder(actor)) {
            jdbc.sql("UPDATE reception.counter SET open_staff_id = :staff, opened_at = :at WHERE id = :id")
                    .param("staff", seatHolder(actor)).param("at", odt(now))
                    .param("id", counterId).update();
            events.record(now, actor, new EventLog.Entry(EventType.COUNTER_OPENED, floor.office().id(), null, null,
                    null, null, counterId, null, null, null));
        }
        return counterState(counterId, actor);
    }

    @Transactional
    public CounterState closeCounter(String counterId, Actor actor) {
        Floor floor = floors.floorOfCounter(counterId);
        Floor.Counter counter = floor.counter(counterId).orElseThrow();
        requireStaffFor(actor, counter);
        CounterRow row = lockCounter(counterId);
        if (row.openStaffId() == null) {
            return counterState(counterId, actor);
        }
        // A clerk signs out only their own seat; a counter where staff rotate is everybody's seat.
        if (row.openStaffId() != seatHolder(actor) && !actor.actsForAllDepartments() && !floor.staffRotates(counter)) {
            throw ProblemException.forbidden("counter-held-by-other",
                    "この窓口は別の職員が開いています。閉じられるのはその職員か所属長です。");
        }
        if (currentVisitAt(counterId).isPresent()) {
            throw ProblemException.conflict("counter-busy", "対応中の受付があります。完了または不在にしてから窓口を閉じてください。");
        }
        jdbc.sql("UPDATE reception.counter SET open_staff_id = NULL, opened_at = NULL WHERE id = :id")
                .param("id", counterId).update();
        events.record(clock.instant(), actor, new EventLog.Entry(EventType.COUNTER_CLOSED, floor.office().id(), null,
                null, null, null, counterId, null, null, null));
        return counterState(counterId, actor);
    }

    /**
     * A counter as {@code actor} may see it. Managers and the clerks who may serve the visit at the counter see
     * everything the console needs; a clerk of another of the counter's departments (a shared counter) sees
     * which department has the visitor but not the ticket or its procedures; devices of the office and staff of
     * other departments see only what the display board shows: open or not, and the number at the counter.
     */
    public CounterState counterState(String counterId, Actor actor) {
        Floor floor = floors.floorOfCounter(counterId);
        Floor.Counter counter = floor.counter(counterId).orElseThrow();
        if ((actor.role() == Actor.Role.KIOSK || actor.role() == Actor.Role.DISPLAY)
                && !floor.office().id().equals(actor.officeId())) {
            throw ProblemException.forbidden("wrong-office", "この端末は別の庁舎に登録されています。");
        }
        CounterState full = counterState(counterId);
        if (actor.actsForAllDepartments()) {
            return full;
        }
        boolean colleague = actor.role() == Actor.Role.STAFF && counter.departmentIds().stream().anyMatch(actor::mayActFor);
        if (!colleague) {
            return new CounterState(counterId, full.officeId(), full.open(), null, null, null, null, full.currentNumber());
        }
        Ticket.Visit current = full.current();
        if (current == null || actor.mayActFor(current.departmentId())) {
            return full;
        }
        return new CounterState(counterId, full.officeId(), full.open(), full.staffId(), full.openedAt(),
                current.withoutProcedures(), null, full.currentNumber());
    }

    /** The whole state of a counter, for the system itself (the demo); callers with an actor use the other. */
    public CounterState counterState(String counterId) {
        Floor floor = floors.floorOfCounter(counterId);
        CounterRow row = jdbc.sql("SELECT id, open_staff_id, opened_at FROM reception.counter WHERE id = :id")
                .param("id", counterId).query(ReceptionService::counterRow).single();
        Optional<VisitRow> at = currentVisitAt(counterId);
        Ticket.Visit current = at.map(v -> visit(v.ticketId(), v.id())).orElse(null);
        return new CounterState(counterId, floor.office().id(), row.openStaffId() != null, row.openStaffId(),
                row.openedAt(), current, at.map(VisitRow::ticketId).orElse(null),
                at.map(VisitRow::ticketNumber).orElse(null));
    }

    /** Who holds the counter: a member of staff's id, {@link #SYSTEM_SEAT}, or nothing while it is closed. */
    public Optional<Long> seatHolder(String counterId) {
        List<Long> holder = jdbc.sql("SELECT open_staff_id FROM reception.counter WHERE id = :id").param("id", counterId)
                .query((rs, n) -> rs.getObject(1, Long.class)).list();
        return holder.isEmpty() ? Optional.empty() : Optional.ofNullable(holder.get(0));
    }

    /**
     * Calls the next visitor to a counter: first a visitor seated at this counter (shared counters where
     * staff rotate), then the head of the queue of the counter's departments that the caller may serve.
     */
    @Transactional
    public Optional<Ticket.Visit> callNext(String counterId, Actor actor) {
        Floor floor = floors.floorOfCounter(counterId);
        Floor.Counter counter = floor.counter(counterId).orElseThrow();
        requireStaffFor(actor, counter);
        // Shared lock: nobody signs in or out here until this call is committed.
        CounterRow row = jdbc.sql("SELECT id, open_staff_id, opened_at FROM reception.counter WHERE id = :id FOR SHARE")
                .param("id", counterId).query(ReceptionService::counterRow).single();
        if (row.openStaffId() == null) {
            throw ProblemException.conflict("counter-closed", "窓口が開いていません。先に窓口を開いてください。");
        }
        // Staff rotate at a shared counter, but the system (the demo) never calls to a seat a person holds.
        boolean rotates = floor.staffRotates(counter) && actor.role() != Actor.Role.SYSTEM;
        if (row.openStaffId() != seatHolder(actor) && !rotates) {
            throw ProblemException.conflict("counter-in-use", "この窓口は別の職員が使用中です。");
        }
        if (currentVisitAt(counterId).isPresent()) {
            throw ProblemException.conflict("counter-busy", "対応中の受付があります。完了または不在にしてから次の方を呼び出してください。");
        }
        List<String> departments = counter.departmentIds().stream().filter(actor::mayActFor).sorted().toList();
        Optional<Long> chosen = jdbc.sql("""
                        SELECT id FROM reception.visit
                        WHERE status = 'WAITING' AND seated_counter_id = :counter AND department_id IN (:departments)
                        ORDER BY priority_rank, original_issued_at, ticket_number
                        LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param("counter", counterId).param("departments", departments).query(Long.class).optional();
        if (chosen.isEmpty()) {
            chosen = jdbc.sql("""
                            SELECT id FROM reception.visit
                            WHERE status = 'WAITING' AND department_id IN (:departments) AND seated_counter_id IS NULL
                            ORDER BY priority_rank, original_issued_at, ticket_number
                            LIMIT 1 FOR UPDATE SKIP LOCKED""")
                    .param("departments", departments).query(Long.class).optional();
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        VisitRow visit = visitRow(chosen.get());
        Optional<Instant> queuedAt = jdbc.sql("""
                        UPDATE reception.visit SET status = 'CALLED', called_at = :at, counter_id = :counter,
                            seated_counter_id = NULL WHERE id = :id RETURNING queued_at""")
                .param("at", odt(now)).param("counter", counterId).param("id", visit.id())
                .query((rs, n) -> Optional.ofNullable(instant(rs, "queued_at"))).single();
        events.record(now, actor, entry(EventType.CALLED, visit, counterId, VisitStatus.WAITING, VisitStatus.CALLED, null));
        queuedAt.ifPresent(q -> waits.called(visit.officeId(), visit.departmentId(), Duration.between(q, now)));
        return Optional.of(visit(visit.ticketId(), visit.id()));
    }

    // ---------------------------------------------------------------- visit operations

    @Transactional
    public Ticket.Visit recall(long visitId, Actor actor) {
        VisitRow visit = lockVisitFor(visitId, actor);
        requireStatus(visit, "再呼出", VisitStatus.CALLED);
        Instant now = clock.instant();
        jdbc.sql("UPDATE reception.visit SET recall_count = recall_count + 1 WHERE id = :id").param("id", visitId).update();
        events.record(now, actor, entry(EventType.RECALLED, visit, visit.counterId(), VisitStatus.CALLED,
                VisitStatus.CALLED, "{\"recall\":" + (visit.recallCount() + 1) + "}"));
        return visit(visit.ticketId(), visitId);
    }

    @Transactional
    public Ticket.Visit markAbsent(long visitId, Actor actor) {
        VisitRow visit = lockVisitFor(visitId, actor);
        requireStatus(visit, "不在", VisitStatus.CALLED);
        Instant now = clock.instant();
        jdbc.sql("UPDATE reception.visit SET status = 'ABSENT', absent_at = :at WHERE id = :id")
                .param("at", odt(now)).param("id", visitId).update();
        events.record(now, actor, entry(EventType.ABSENT, visit, visit.counterId(), VisitStatus.CALLED,
                VisitStatus.ABSENT, null));
        return visit(visit.ticketId(), visitId);
    }

    /** An absent visitor came back within the grace period: back in the queue with the original priority. */
    @Transactional
    public Ticket.Visit returnToQueue(long visitId, Actor actor) {
        VisitRow visit = lockVisitFor(visitId, actor);
        requireStatus(visit, "順番待ちへの戻し", VisitStatus.ABSENT);
        Instant now = clock.instant();
        if (visit.absentAt().plus(properties.absentGrace()).isBefore(now)) {
            throw ProblemException.conflict("grace-expired",
                    "不在から " + properties.absentGrace().toMinutes() + " 分を過ぎたため、順番待ちに戻せません。新しく発券してください。");
        }
        requeue(visit, now, actor, "{\"reason\":\"returned\"}");
        return visit(visit.ticketId(), visitId);
    }

    private void requeue(VisitRow visit, Instant now, Actor actor, String detail) {
        jdbc.sql("""
                        UPDATE reception.visit SET status = 'WAITING', counter_id = NULL, called_at = NULL, absent_at = NULL
                        WHERE id = :id""")
                .param("id", visit.id()).update();
        events.record(now, actor, entry(EventType.RETURNED, visit, null, VisitStatus.ABSENT, VisitStatus.WAITING, detail));
    }

    @Transactional
    public Ticket.Visit start(long visitId, Actor actor) {
        VisitRow visit = lockVisitFor(visitId, actor);
        requireStatus(visit, "対応開始", VisitStatus.CALLED);
        Instant now = clock.instant();
        jdbc.sql("UPDATE reception.visit SET status = 'SERVING', started_at = :at WHERE id = :id")
                .param("at", odt(now)).param("id", visitId).update();
        events.record(now, actor, entry(EventType.STARTED, visit, visit.counterId(), VisitStatus.CALLED,
                VisitStatus.SERVING, null));
        return visit(visit.ticketId(), visitId);
    }

    /** Completes a visit; the ticket's next department becomes callable, keeping the original issue time. */
    @Transactional
    public Ticket complete(long visitId, Actor actor) {
        VisitRow visit = lockVisitFor(visitId, actor);
        requireStatus(visit, "完了", VisitStatus.CALLED, VisitStatus.SERVING);
        Instant now = clock.instant();
        finish(visit, now, actor);
        advance(visit.ticketId(), now, actor, visit);
        return loadTicket(visit.ticketId(), false);
    }

    /**
     * Completes a visit and sends the visitor on to {@code departmentId} next: an already booked visit
     * there moves to the front of the rest of the itinerary, otherwise a new one is added.
     */
    @Transactional
    public Ticket handOver(long visitId, ItineraryStep next, Actor actor) {
        VisitRow visit = lockVisitFor(visitId, actor);
        requireStatus(visit, "窓口連携", VisitStatus.CALLED, VisitStatus.SERVING);
        Floor floor = floors.floor(visit.officeId());
        validateStep(floor, next);
        Floor.Department target = floor.department(next.departmentId()).orElseThrow();
        if (!target.linked() || !floor.department(visit.departmentId()).orElseThrow().linked()) {
            throw ProblemException.invalid("department-not-linked",
                    "「" + target.nameJa() + "」へは窓口連携できません（連携対象外の課です）。");
        }
        if (target.id().equals(visit.departmentId())) {
            throw ProblemException.invalid("same-department", "同じ課へは窓口連携できません。");
        }
        Instant now = clock.instant();
        finish(visit, now, actor);
        List<VisitRow> all = visitRows(visit.ticketId());
        List<VisitRow> pending = all.stream().filter(v -> v.status() == VisitStatus.PENDING).toList();
        int nextSeq = all.stream().mapToInt(VisitRow::seq).max().orElse(0) + 1;
        Optional<VisitRow> booked = pending.stream().filter(v -> v.departmentId().equals(target.id())).findFirst();
        long targetId;
        if (booked.isPresent()) {
            targetId = booked.get().id();
            for (String procedureId : next.procedureIds()) {
                jdbc.sql("""
                                INSERT INTO reception.visit_procedure (visit_id, procedure_id) VALUES (:v, :p)
                                ON CONFLICT DO NOTHING""")
                        .param("v", targetId).param("p", procedureId).update();
            }
        } else {
            targetId = insertVisit(visit.ticketId(), nextSeq++, next, VisitStatus.PENDING, visit.priorityRank(),
                    visit.originalIssuedAt(), visit.ticketNumber(), null);
            events.record(now, actor, new EventLog.Entry(EventType.VISIT_ADDED, visit.officeId(), visit.ticketId(),
                    visit.ticketNumber(), targetId, target.id(), visit.counterId(), null, VisitStatus.PENDING, null));
        }
        // Renumber the rest of the itinerary after every existing seq: the target first, the others in order.
        List<Long> order = new ArrayList<>();
        order.add(targetId);
        pending.stream().map(VisitRow::id).filter(id -> id != targetId).forEach(order::add);
        for (long id : order) {
            jdbc.sql("UPDATE reception.visit SET seq = :s WHERE id = :id").param("s", nextSeq++).param("id", id).update();
        }
        advance(visit.ticketId(), now, actor, visit);
        return loadTicket(visit.ticketId(), false);
    }

    /** Adds a department to a ticket's itinerary (at the end) while the visitor is in the office. */
    @Transactional
    public Ticket addVisit(UUID ticketId, ItineraryStep step, Actor actor) {
        TicketRow ticket = lockTicket(ticketId);
        requireServesTicket(ticket, actor);
        requireOpen(ticket);
        Floor floor = floors.floor(ticket.officeId());
        validateStep(floor, step);
        List<VisitRow> visits = visitRows(ticketId);
        if (visits.stream().anyMatch(v -> v.departmentId().equals(step.departmentId()) && !v.status().isFinal())) {
            throw ProblemException.invalid("duplicate-department",
                    "「" + departmentName(floor, step.departmentId()) + "」はすでに予約されています。");
        }
        boolean linked = floor.department(step.departmentId()).orElseThrow().linked()
                && visits.stream().allMatch(v -> floor.department(v.departmentId()).map(Floor.Department::linked).orElse(false));
        if (!linked) {
            throw ProblemException.invalid("department-not-linked",
                    "「" + departmentName(floor, step.departmentId()) + "」は窓口連携の対象外のため、この受付票には追加できません。");
        }
        Instant now = clock.instant();
        int seq = visits.stream().mapToInt(VisitRow::seq).max().orElse(0) + 1;
        long visitId = insertVisit(ticketId, seq, step, VisitStatus.PENDING, ticket.priorityRank(), ticket.issuedAt(),
                ticket.number(), null);
        events.record(now, actor, new EventLog.Entry(EventType.VISIT_ADDED, ticket.officeId(), ticketId,
                ticket.number(), visitId, step.departmentId(), null, null, VisitStatus.PENDING, null));
        advance(ticketId, now, actor, null);
        return loadTicket(ticketId, false);
    }

    /** Removes a department that has not been served yet from the itinerary. */
    @Transactional
    public Ticket removeVisit(long visitId, Actor actor) {
        UUID ticketId = ticketIdOfVisit(visitId);
        lockTicket(ticketId);
        VisitRow visit = lockVisit(visitId);
        if (!actor.mayActFor(visit.departmentId())) {
            throw ProblemException.forbidden("other-department", "他の課の予約は外せません。その課の職員か所属長に依頼してください。");
        }
        requireStatus(visit, "予約の取消", VisitStatus.PENDING, VisitStatus.WAITING, VisitStatus.ABSENT);
        Instant now = clock.instant();
        jdbc.sql("UPDATE reception.visit SET status = 'CANCELLED', ended_at = :at, seated_counter_id = NULL WHERE id = :id")
                .param("at", odt(now)).param("id", visitId).update();
        events.record(now, actor, entry(EventType.VISIT_REMOVED, visit, null, visit.status(), VisitStatus.CANCELLED, null));
        advance(ticketId, now, actor, null);
        return loadTicket(ticketId, false);
    }

    @Transactional
    public Ticket cancel(UUID ticketId, Actor actor) {
        TicketRow ticket = lockTicket(ticketId);
        requireMayCancel(ticket, actor);
        requireOpen(ticket);
        Instant now = clock.instant();
        for (VisitRow visit : visitRows(ticketId)) {
            if (!visit.status().isFinal()) {
                jdbc.sql("UPDATE reception.visit SET status = 'CANCELLED', ended_at = :at, seated_counter_id = NULL WHERE id = :id")
                        .param("at", odt(now)).param("id", visit.id()).update();
                events.record(now, actor, entry(EventType.CANCELLED, visit, visit.counterId(), visit.status(),
                        VisitStatus.CANCELLED, null));
            }
        }
        jdbc.sql("UPDATE reception.ticket SET status = 'CANCELLED' WHERE id = :id").param("id", ticketId).update();
        return loadTicket(ticketId, false);
    }

    private void finish(VisitRow visit, Instant now, Actor actor) {
        jdbc.sql("UPDATE reception.visit SET status = 'COMPLETED', completed_at = :at, ended_at = :at WHERE id = :id")
                .param("at", odt(now)).param("id", visit.id()).update();
        events.record(now, actor, entry(EventType.COMPLETED, visit, visit.counterId(), visit.status(),
                VisitStatus.COMPLETED, null));
    }

    /**
     * Makes the ticket's next booked visit callable when nothing else of the ticket is open. At a shared
     * counter where staff rotate, a next department served at the same counter comes to the seated visitor.
     */
    private void advance(UUID ticketId, Instant now, Actor actor, VisitRow previous) {
        List<VisitRow> visits = visitRows(ticketId);
        if (visits.stream().anyMatch(v -> OPEN_STATES.contains(v.status()))) {
            return;
        }
        Optional<VisitRow> next = visits.stream().filter(v -> v.status() == VisitStatus.PENDING).findFirst();
        if (next.isEmpty()) {
            boolean anyCompleted = visits.stream().anyMatch(v -> v.status() == VisitStatus.COMPLETED);
            jdbc.sql("UPDATE reception.ticket SET status = :s WHERE id = :id AND status = 'OPEN'")
                    .param("s", anyCompleted ? "FINISHED" : "CANCELLED").param("id", ticketId).update();
            return;
        }
        VisitRow n = next.get();
        String seatedAt = null;
        if (previous != null && previous.counterId() != null && previous.status() != VisitStatus.ABSENT) {
            Floor floor = floors.floor(n.officeId());
            Floor.Counter counter = floor.counter(previous.counterId()).orElseThrow();
            if (floor.staffRotates(counter) && counter.departmentIds().contains(n.departmentId())) {
                seatedAt = counter.id();
            }
        }
        jdbc.sql("UPDATE reception.visit SET status = 'WAITING', queued_at = :at, seated_counter_id = :seated WHERE id = :id")
                .param("at", odt(now)).param("seated", seatedAt).param("id", n.id()).update();
        String detail = previous == null ? null : "{\"from\":\"" + previous.departmentId() + "\""
                + (seatedAt == null ? "" : ",\"seatedAt\":\"" + seatedAt + "\"") + "}";
        events.record(now, actor, entry(previous == null ? EventType.QUEUED : EventType.HANDED_OVER, n, seatedAt,
                VisitStatus.PENDING, VisitStatus.WAITING, detail));
    }

    // ---------------------------------------------------------------- absences and closing the day

    /** Applies the after-grace rule to absent visits whose grace period has ended; returns how many. */
    @Transactional
    public int expireAbsences() {
        Instant now = clock.instant();
        Instant limit = now.minus(properties.absentGrace());
        List<Long> expired = jdbc.sql("""
                        SELECT id FROM reception.visit WHERE status = 'ABSENT' AND absent_at < :limit
                        ORDER BY absent_at LIMIT 500""")
                .param("limit", odt(limit)).query(Long.class).list();
        Actor system = Actor.system();
        int count = 0;
        for (long visitId : expired) {
            UUID ticketId = ticketIdOfVisit(visitId);
            lockTicket(ticketId);
            VisitRow visit = lockVisit(visitId);
            if (visit.status() != VisitStatus.ABSENT) {
                continue;
            }
            if (properties.absentAfterGrace() == ReceptionProperties.AfterGrace.REQUEUE) {
                requeue(visit, now, system, "{\"reason\":\"grace-ended\"}");
            } else {
                jdbc.sql("UPDATE reception.visit SET status = 'DROPPED', ended_at = :at WHERE id = :id")
                        .param("at", odt(now)).param("id", visitId).update();
                events.record(now, system, entry(EventType.DROPPED, visit, visit.counterId(), VisitStatus.ABSENT,
                        VisitStatus.DROPPED, null));
                advance(ticketId, now, system, null);
            }
            count++;
        }
        return count;
    }

    /**
     * Closes an office's service day. Every visit still open becomes UNSERVED with an event each, the tickets
     * are marked CLOSED_UNSERVED, and the closing is recorded with its counts: nothing ends silently.
     */
    @Transactional
    public DayClosing closeDay(String officeId, LocalDate serviceDate, Actor actor) {
        if (!(actor.role() == Actor.Role.ADMIN || actor.role() == Actor.Role.MANAGER || actor.role() == Actor.Role.SYSTEM)) {
            throw ProblemException.forbidden("forbidden", "業務終了の操作は管理者または所属長が行います。");
        }
        Floor floor = floors.floor(officeId);
        // Same row lock as issuing: no ticket can be issued for this day while or after it closes.
        jdbc.sql("""
                        INSERT INTO reception.ticket_number (office_id, service_date, last_number, closed) VALUES (:o, :d, 0, true)
                        ON CONFLICT (office_id, service_date) DO UPDATE SET closed = true""")
                .param("o", officeId).param("d", serviceDate).update();
        if (dayClosed(officeId, serviceDate)) {
            throw ProblemException.conflict("day-already-closed", serviceDate + " の業務はすでに終了しています。");
        }
        Instant now = clock.instant();
        List<VisitRow> open = jdbc.sql(VISIT_SELECT + """
                         WHERE t.office_id = :o AND t.service_date = :d AND t.status = 'OPEN'
                           AND v.status IN ('PENDING', 'WAITING', 'CALLED', 'SERVING', 'ABSENT')
                         ORDER BY t.number, v.seq FOR UPDATE OF t, v""")
                .param("o", officeId).param("d", serviceDate).query(ReceptionService::visitRow).list();
        List<DayClosing.Unserved> unserved = new ArrayList<>();
        for (VisitRow visit : open) {
            jdbc.sql("UPDATE reception.visit SET status = 'UNSERVED', ended_at = :at, seated_counter_id = NULL WHERE id = :id")
                    .param("at", odt(now)).param("id", visit.id()).update();
            events.record(now, actor, entry(EventType.UNSERVED, visit, visit.counterId(), visit.status(),
                    VisitStatus.UNSERVED, null));
            unserved.add(new DayClosing.Unserved(visit.ticketNumber(), visit.departmentId(), visit.status()));
        }
        int tickets = jdbc.sql("""
                        UPDATE reception.ticket SET status = 'CLOSED_UNSERVED'
                        WHERE office_id = :o AND service_date = :d AND status = 'OPEN'""")
                .param("o", officeId).param("d", serviceDate).update();
        String closedBy = actor.role() == Actor.Role.SYSTEM ? "自動（閉庁時刻）" : "職員 " + actor.staffId();
        jdbc.sql("""
                        INSERT INTO reception.day_closing (office_id, service_date, closed_at, closed_by, unserved_visits, unserved_tickets)
                        VALUES (:o, :d, :at, :by, :v, :t)""")
                .param("o", officeId).param("d", serviceDate).param("at", odt(now)).param("by", closedBy)
                .param("v", unserved.size()).param("t", tickets).update();
        events.record(now, actor, new EventLog.Entry(EventType.DAY_CLOSED, officeId, null, null, null, null, null,
                null, null, "{\"serviceDate\":\"" + serviceDate + "\",\"unservedVisits\":" + unserved.size()
                + ",\"unservedTickets\":" + tickets + "}"));
        return new DayClosing(officeId, serviceDate, now, closedBy, unserved.size(), tickets, unserved);
    }

    /** The office's recent closings, for staff (devices have no use for them). */
    public List<DayClosing> dayClosings(String officeId, int limit, Actor actor) {
        if (!actor.isStaff() && actor.role() != Actor.Role.SYSTEM) {
            throw ProblemException.forbidden("forbidden", "業務終了の記録は職員のみ参照できます。");
        }
        return dayClosings(officeId, limit);
    }

    public List<DayClosing> dayClosings(String officeId, int limit) {
        floors.floor(officeId);
        return jdbc.sql("""
                        SELECT office_id, service_date, closed_at, closed_by, unserved_visits, unserved_tickets
                        FROM reception.day_closing WHERE office_id = :o ORDER BY service_date DESC LIMIT :limit""")
                .param("o", officeId).param("limit", limit)
                .query((rs, n) -> new DayClosing(rs.getString(1), rs.getObject(2, LocalDate.class),
                        instant(rs, "closed_at"), rs.getString(4), rs.getInt(5), rs.getInt(6),
                        unservedOf(rs.getString(1), rs.getObject(2, LocalDate.class))))
                .list();
    }

    private List<DayClosing.Unserved> unservedOf(String officeId, LocalDate date) {
        return jdbc.sql("""
                        SELECT v.ticket_number, v.department_id, e.from_status FROM reception.event e
                        JOIN reception.visit v ON v.id = e.visit_id JOIN reception.ticket t ON t.id = v.ticket_id
                        WHERE e.type = 'UNSERVED' AND t.office_id = :o AND t.service_date = :d
                        ORDER BY v.ticket_number, v.seq""")
                .param("o", officeId).param("d", date)
                .query((rs, n) -> new DayClosing.Unserved(rs.getInt(1), rs.getString(2),
                        VisitStatus.valueOf(rs.getString(3))))
                .list();
    }

    /** Service days of an office that are over (or past closing time) and still have open tickets or no closing. */
    public List<LocalDate> daysToClose(Floor.Office office) {
        ZoneId zone = ZoneId.of(office.timeZone());
        var local = clock.instant().atZone(zone);
        LocalDate today = local.toLocalDate();
        List<LocalDate> days = new ArrayList<>(jdbc.sql("""
                        SELECT DISTINCT service_date FROM reception.ticket
                        WHERE office_id = :o AND status = 'OPEN' AND service_date < :today ORDER BY service_date""")
                .param("o", office.id()).param("today", today).query(LocalDate.class).list());
        if (!local.toLocalTime().isBefore(office.closesAt()) && !dayClosed(office.id(), today)) {
            days.add(today);
        }
        return days.stream().filter(d -> !dayClosed(office.id(), d)).distinct().collect(Collectors.toList());
    }

    // ---------------------------------------------------------------- reading

    public Ticket ticket(UUID ticketId, Actor actor) {
        TicketRow row = ticketRow(ticketId).orElseThrow(ReceptionService::ticketNotFound);
        if (!actor.isStaff() && actor.role() != Actor.Role.SYSTEM) {
            throw ProblemException.forbidden("forbidden", "受付票の詳細は職員のみ参照できます。");
        }
        if (!actor.actsForAllDepartments() && visitRows(row.id()).stream().noneMatch(v -> actor.mayActFor(v.departmentId()))) {
            throw ProblemException.forbidden("other-department", "担当する課の予約がない受付票は参照できません。");
        }
        return loadTicket(row.id(), false);
    }

    /** The visitor's own view through the unguessable token printed on the ticket. */
    public Optional<TicketStatus> statusByToken(String token) {
        if (token == null || token.length() < 16 || token.length() > 64) {
            return Optional.empty();
        }
        Optional<UUID> id = jdbc.sql("SELECT id FROM reception.ticket WHERE public_token = :t")
                .param("t", token).query(UUID.class).optional();
        return id.map(this::status);
    }

    /**
     * The procedures booked at each department of a ticket, by department id: printed on the ticket in the
     * visitor's hand, never shown on the public status page that the same token opens.
     */
    public Map<String, List<String>> proceduresByToken(String token) {
        Map<String, List<String>> byDepartment = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT v.department_id, vp.procedure_id FROM reception.ticket t
                        JOIN reception.visit v ON v.ticket_id = t.id
                        JOIN reception.visit_procedure vp ON vp.visit_id = v.id
                        WHERE t.public_token = :t ORDER BY v.seq, vp.procedure_id""")
                .param("t", token)
                .query((rs, n) -> byDepartment.computeIfAbsent(rs.getString(1), d -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return byDepartment;
    }

    private TicketStatus status(UUID ticketId) {
        TicketRow ticket = ticketRow(ticketId).orElseThrow();
        Floor floor = floors.floor(ticket.officeId());
        List<TicketStatus.Step> steps = new ArrayList<>();
        for (VisitRow v : visitRows(ticketId)) {
            Floor.Department d = floor.department(v.departmentId()).orElseThrow();
            Integer position = null;
            if (v.status() == VisitStatus.WAITING) {
                position = jdbc.sql("""
                                SELECT count(*) FROM reception.visit w
                                WHERE w.status = 'WAITING' AND w.department_id = :d AND w.seated_counter_id IS NULL
                                  AND (w.priority_rank, w.original_issued_at, w.ticket_number) < (:rank, :issued, :number)""")
                        .param("d", v.departmentId()).param("rank", v.priorityRank())
                        .param("issued", odt(v.originalIssuedAt())).param("number", v.ticketNumber())
                        .query(Integer.class).single();
                if (v.seatedCounterId() != null) {
                    position = 0;
                }
            }
            Optional<Floor.Counter> counter = Optional.ofNullable(v.status().isAtCounter() ? v.counterId() : v.seatedCounterId())
                    .flatMap(floor::counter);
            Integer waitMinutes = position == null ? null : estimateWaitMinutes(floor, d.id(), position);
            steps.add(new TicketStatus.Step(d.id(), d.nameJa(), d.nameEn(), d.floor(), d.area(), v.status(), position,
                    waitMinutes, counter.map(Floor.Counter::labelJa).orElse(null),
                    counter.map(Floor.Counter::labelEn).orElse(null)));
        }
        return new TicketStatus(ticket.number(), ticket.officeId(), ticket.status(), ticket.issuedAt(), steps);
    }

    /**
     * A plain estimate of the wait for someone with {@code ahead} visitors before them: the department's
     * typical service time per visitor, shared among its open counters (at least one).
     */
    public int estimateWaitMinutes(Floor floor, String departmentId, int ahead) {
        double typical = floor.procedures().stream().filter(p -> p.departmentId().equals(departmentId))
                .mapToInt(Floor.Procedure::typicalMinutes).average().orElse(10);
        long open = jdbc.sql("""
                        SELECT count(*) FROM reception.counter c JOIN reception.counter_department cd ON cd.counter_id = c.id
                        WHERE cd.department_id = :d AND c.open_staff_id IS NOT NULL""")
                .param("d", departmentId).query(Long.class).single();
        return (int) Math.ceil(ahead * typical / Math.max(1, open));
    }

    /** Absent visits of a department that may still come back (within the grace period). */
    public List<QueueEntry> absentVisits(String departmentId, Actor actor) {
        floors.floorOfDepartment(departmentId);
        if (!actor.mayActFor(departmentId)) {
            throw ProblemException.forbidden("other-department", "他の課の受付は参照できません。");
        }
        return jdbc.sql(QUEUE_SELECT + " WHERE v.department_id = :d AND v.status = 'ABSENT' ORDER BY v.absent_at")
                .param("d", departmentId).query(ReceptionService::queueEntry).list();
    }

    /** A department's waiting list in call order, for its staff. */
    public List<QueueEntry> queue(String departmentId, Actor actor) {
        floors.floorOfDepartment(departmentId);
        if (!actor.mayActFor(departmentId)) {
            throw ProblemException.forbidden("other-department", "他の課の順番待ちは参照できません。");
        }
        return jdbc.sql(QUEUE_SELECT + """
                         WHERE v.department_id = :d AND v.status = 'WAITING'
                        ORDER BY v.seated_counter_id IS NULL, v.priority_rank, v.original_issued_at, v.ticket_number""")
                .param("d", departmentId).query(ReceptionService::queueEntry).list();
    }

    private static final String QUEUE_SELECT = """
            SELECT v.id, v.ticket_id, v.ticket_number, t.priority_class, v.status, v.original_issued_at,
                   v.queued_at, v.seated_counter_id, v.department_id,
                   (SELECT string_agg(o.department_id, ',' ORDER BY o.seq) FROM reception.visit o
                     WHERE o.ticket_id = v.ticket_id AND o.status <> 'CANCELLED') AS itinerary,
                   (SELECT string_agg(p.procedure_id, ',' ORDER BY p.procedure_id) FROM reception.visit_procedure p
                     WHERE p.visit_id = v.id) AS procedures
            FROM reception.visit v JOIN reception.ticket t ON t.id = v.ticket_id
            """;

    private static QueueEntry queueEntry(ResultSet rs, int n) throws SQLException {
        return new QueueEntry(rs.getLong("id"), rs.getObject("ticket_id", UUID.class), rs.getInt("ticket_number"),
                rs.getString("department_id"), rs.getString("priority_class"), VisitStatus.valueOf(rs.getString("status")),
                instant(rs, "original_issued_at"), instant(rs, "queued_at"), rs.getString("seated_counter_id"),
                split(rs.getString("itinerary")), split(rs.getString("procedures")));
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }

    public OfficeSummary summary(String officeId) {
        Floor floor = floors.floor(officeId);
        record Counts(String departmentId, int waiting, int atCounter, Instant oldest) {
        }
        List<Counts> counts = jdbc.sql("""
                        SELECT v.department_id,
                               count(*) FILTER (WHERE v.status = 'WAITING') AS waiting,
                               count(*) FILTER (WHERE v.status IN ('CALLED', 'SERVING')) AS at_counter,
                               min(v.queued_at) FILTER (WHERE v.status = 'WAITING') AS oldest
                        FROM reception.ticket t JOIN reception.visit v ON v.ticket_id = t.id
                        WHERE t.office_id = :o AND t.status = 'OPEN' AND v.status IN ('WAITING', 'CALLED', 'SERVING')
                        GROUP BY v.department_id""")
                .param("o", officeId)
                .query((rs, n) -> new Counts(rs.getString(1), rs.getInt(2), rs.getInt(3), instant(rs, "oldest")))
                .list();
        record Calling(String departmentId, OfficeSummary.Call call) {
        }
        List<Calling> calls = jdbc.sql("""
                        SELECT v.department_id, v.ticket_number, v.counter_id, v.called_at, v.recall_count
                        FROM reception.ticket t JOIN reception.visit v ON v.ticket_id = t.id
                        WHERE t.office_id = :o AND t.status = 'OPEN' AND v.status = 'CALLED'
                        ORDER BY v.called_at DESC""")
                .param("o", officeId)
                .query((rs, n) -> {
                    Floor.Counter c = floor.counter(rs.getString(3)).orElseThrow();
                    return new Calling(rs.getString(1), new OfficeSummary.Call(rs.getInt(2), c.id(), c.labelJa(),
                            c.labelEn(), instant(rs, "called_at"), rs.getInt(5)));
                })
                .list();
        long lastEventId = jdbc.sql("SELECT coalesce(max(position), 0) FROM reception.event WHERE office_id = :o")
                .param("o", officeId).query(Long.class).single();
        Instant now = clock.instant();
        List<OfficeSummary.Department> departments = new ArrayList<>();
        for (Floor.Department d : floor.departments()) {
            Counts c = counts.stream().filter(x -> x.departmentId().equals(d.id())).findFirst()
                    .orElse(new Counts(d.id(), 0, 0, null));
            departments.add(new OfficeSummary.Department(d.id(), d.nameJa(), d.nameEn(), c.waiting(), c.atCounter(),
                    c.oldest() == null ? null : Math.max(0, now.getEpochSecond() - c.oldest().getEpochSecond()),
                    calls.stream().filter(x -> x.departmentId().equals(d.id())).map(Calling::call).toList()));
        }
        return new OfficeSummary(officeId, now, lastEventId, departments);
    }

    // ---------------------------------------------------------------- rows and checks

    private record TicketRow(UUID id, String officeId, LocalDate serviceDate, int number, Instant issuedAt,
                             int priorityRank, String status) {
    }

    private record VisitRow(long id, UUID ticketId, String officeId, int seq, String departmentId, VisitStatus status,
                            int priorityRank, Instant originalIssuedAt, int ticketNumber, String counterId,
                            String seatedCounterId, int recallCount, Instant absentAt) {
    }

    private record CounterRow(String id, Long openStaffId, Instant openedAt) {
    }

    private static final String VISIT_SELECT = """
            SELECT v.id, v.ticket_id, t.office_id, v.seq, v.department_id, v.status, v.priority_rank,
                   v.original_issued_at, v.ticket_number, v.counter_id, v.seated_counter_id, v.recall_count, v.absent_at
            FROM reception.visit v JOIN reception.ticket t ON t.id = v.ticket_id
            """;

    private static VisitRow visitRow(ResultSet rs, int n) throws SQLException {
        return new VisitRow(rs.getLong("id"), rs.getObject("ticket_id", UUID.class), rs.getString("office_id"),
                rs.getInt("seq"), rs.getString("department_id"), VisitStatus.valueOf(rs.getString("status")),
                rs.getInt("priority_rank"), instant(rs, "original_issued_at"), rs.getInt("ticket_number"),
                rs.getString("counter_id"), rs.getString("seated_counter_id"), rs.getInt("recall_count"),
                instant(rs, "absent_at"));
    }

    private static CounterRow counterRow(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        long staff = rs.getLong("open_staff_id");
        Long openStaffId = rs.wasNull() ? null : staff;
        return new CounterRow(id, openStaffId, instant(rs, "opened_at"));
    }

    private VisitRow visitRow(long visitId) {
        return jdbc.sql(VISIT_SELECT + " WHERE v.id = :id").param("id", visitId).query(ReceptionService::visitRow)
                .optional().orElseThrow(ReceptionService::visitNotFound);
    }

    private List<VisitRow> visitRows(UUID ticketId) {
        return jdbc.sql(VISIT_SELECT + " WHERE v.ticket_id = :t ORDER BY v.seq").param("t", ticketId)
                .query(ReceptionService::visitRow).list();
    }

    private VisitRow lockVisit(long visitId) {
        return jdbc.sql(VISIT_SELECT + " WHERE v.id = :id FOR UPDATE OF v").param("id", visitId)
                .query(ReceptionService::visitRow).optional().orElseThrow(ReceptionService::visitNotFound);
    }

    private UUID ticketIdOfVisit(long visitId) {
        return jdbc.sql("SELECT ticket_id FROM reception.visit WHERE id = :id").param("id", visitId)
                .query(UUID.class).optional().orElseThrow(ReceptionService::visitNotFound);
    }

    /** Locks the ticket, then the visit, and checks the actor may act for the visit's department. */
    private VisitRow lockVisitFor(long visitId, Actor actor) {
        UUID ticketId = ticketIdOfVisit(visitId);
        VisitRow unlocked = visitRow(visitId);
        if (!actor.mayActFor(unlocked.departmentId())) {
            throw ProblemException.forbidden("other-department", "他の課の受付は操作できません。");
        }
        lockTicket(ticketId);
        return lockVisit(visitId);
    }

    private TicketRow lockTicket(UUID ticketId) {
        return jdbc.sql(TICKET_SELECT + " WHERE id = :id FOR UPDATE").param("id", ticketId)
                .query(ReceptionService::ticketRow).optional().orElseThrow(ReceptionService::ticketNotFound);
    }

    private Optional<TicketRow> ticketRow(UUID ticketId) {
        return jdbc.sql(TICKET_SELECT + " WHERE id = :id").param("id", ticketId).query(ReceptionService::ticketRow).optional();
    }

    private static final String TICKET_SELECT =
            "SELECT id, office_id, service_date, number, issued_at, priority_rank, status FROM reception.ticket";

    private static TicketRow ticketRow(ResultSet rs, int n) throws SQLException {
        return new TicketRow(rs.getObject("id", UUID.class), rs.getString("office_id"),
                rs.getObject("service_date", LocalDate.class), rs.getInt("number"), instant(rs, "issued_at"),
                rs.getInt("priority_rank"), rs.getString("status"));
    }

    private CounterRow lockCounter(String counterId) {
        return jdbc.sql("SELECT id, open_staff_id, opened_at FROM reception.counter WHERE id = :id FOR UPDATE")
                .param("id", counterId).query(ReceptionService::counterRow).single();
    }

    private Optional<VisitRow> currentVisitAt(String counterId) {
        return jdbc.sql(VISIT_SELECT + " WHERE v.counter_id = :c AND v.status IN ('CALLED', 'SERVING') LIMIT 1")
                .param("c", counterId).query(ReceptionService::visitRow).optional();
    }

    /** Who holds a counter: the staff member, or 0 for the system itself (the demo, other modules). */
    private static long seatHolder(Actor actor) {
        return actor.staffId() == null ? SYSTEM_SEAT : actor.staffId();
    }

    private void requireStaffFor(Actor actor, Floor.Counter counter) {
        if (!actor.isStaff() && actor.role() != Actor.Role.SYSTEM) {
            throw ProblemException.forbidden("forbidden", "窓口の操作は職員のみ行えます。");
        }
        if (counter.departmentIds().stream().noneMatch(actor::mayActFor)) {
            throw ProblemException.forbidden("other-department", "この窓口の課の担当ではありません。");
        }
    }

    /**
     * Adding a department to an itinerary is for managers, and for a clerk whose own department still has
     * business with the visitor (an open visit on the ticket): a finished or foreign ticket is not theirs.
     */
    private void requireServesTicket(TicketRow ticket, Actor actor) {
        if (actor.actsForAllDepartments()) {
            return;
        }
        if (actor.role() != Actor.Role.STAFF || visitRows(ticket.id()).stream()
                .noneMatch(v -> !v.status().isFinal() && actor.mayActFor(v.departmentId()))) {
            throw ProblemException.forbidden("other-department", "担当する課の受付が残っていない受付票は変更できません。");
        }
    }

    /**
     * Cancelling the whole ticket ends every open visit on it, so a clerk may do it only when each of them is
     * their own department's; another department's booking, and above all a visitor that department is serving
     * right now, is left to that department or a manager.
     */
    private void requireMayCancel(TicketRow ticket, Actor actor) {
        if (actor.actsForAllDepartments()) {
            return;
        }
        if (actor.role() != Actor.Role.STAFF) {
            throw ProblemException.forbidden("forbidden", "受付票の取消は職員のみ行えます。");
        }
        List<VisitRow> foreign = visitRows(ticket.id()).stream()
                .filter(v -> !v.status().isFinal() && !actor.mayActFor(v.departmentId())).toList();
        if (foreign.isEmpty()) {
            return;
        }
        Floor floor = floors.floor(ticket.officeId());
        Optional<VisitRow> served = foreign.stream().filter(v -> v.status().isAtCounter()).findFirst();
        if (served.isPresent()) {
            throw ProblemException.forbidden("other-department", "「" + departmentName(floor, served.get().departmentId())
                    + "」が対応中のため、この受付票は取り消せません。所属長に依頼してください。");
        }
        throw ProblemException.forbidden("other-department", "「" + departmentName(floor, foreign.get(0).departmentId())
                + "」の予約が残っているため、受付票全体は取り消せません。自課の予約だけを外すか、所属長に依頼してください。");
    }

    private static void requireOpen(TicketRow ticket) {
        if (!"OPEN".equals(ticket.status())) {
            throw ProblemException.conflict("ticket-closed", "この受付票は受付を終了しています（" + ticket.status() + "）。");
        }
    }

    private static void requireStatus(VisitRow visit, String operationJa, VisitStatus... allowed) {
        for (VisitStatus s : allowed) {
            if (visit.status() == s) {
                return;
            }
        }
        throw ProblemException.conflict("wrong-state", "受付番号 " + visit.ticketNumber() + " は現在「"
                + statusJa(visit.status()) + "」のため、" + operationJa + "はできません。");
    }

    static String statusJa(VisitStatus status) {
        return switch (status) {
            case PENDING -> "前の課の手続待ち";
            case WAITING -> "順番待ち";
            case CALLED -> "呼出中";
            case SERVING -> "対応中";
            case COMPLETED -> "完了";
            case ABSENT -> "不在";
            case CANCELLED -> "取消";
            case DROPPED -> "不在により取消";
            case UNSERVED -> "業務終了により未対応";
        };
    }

    private EventLog.Entry entry(EventType type, VisitRow v, String counterId, VisitStatus from, VisitStatus to,
                                 String detail) {
        return new EventLog.Entry(type, v.officeId(), v.ticketId(), v.ticketNumber(), v.id(), v.departmentId(),
                counterId, from, to, detail);
    }

    private Ticket loadTicket(UUID ticketId, boolean withToken) {
        record Head(UUID id, String officeId, LocalDate date, int number, Instant issuedAt, String channel,
                    String priority, String status, String token) {
        }
        Head h = jdbc.sql("""
                        SELECT id, office_id, service_date, number, issued_at, channel, priority_class, status, public_token
                        FROM reception.ticket WHERE id = :id""")
                .param("id", ticketId)
                .query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getInt(4), instant(rs, "issued_at"), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9)))
                .single();
        return new Ticket(h.id(), h.officeId(), h.date(), h.number(), h.issuedAt(), TicketChannel.valueOf(h.channel()),
                h.priority(), h.status(), withToken ? h.token() : null, visitsOf(ticketId));
    }

    private Ticket.Visit visit(UUID ticketId, long visitId) {
        return visitsOf(ticketId).stream().filter(v -> v.id() == visitId).findFirst().orElseThrow();
    }

    private List<Ticket.Visit> visitsOf(UUID ticketId) {
        return jdbc.sql("""
                        SELECT v.id, v.seq, v.department_id, v.status, v.queued_at, v.called_at, v.started_at, v.completed_at,
                               v.counter_id, v.recall_count,
                               (SELECT string_agg(p.procedure_id, ',' ORDER BY p.procedure_id) FROM reception.visit_procedure p
                                 WHERE p.visit_id = v.id) AS procedures
                        FROM reception.visit v WHERE v.ticket_id = :t ORDER BY v.seq""")
                .param("t", ticketId)
                .query((rs, n) -> new Ticket.Visit(rs.getLong("id"), rs.getInt("seq"), rs.getString("department_id"),
                        VisitStatus.valueOf(rs.getString("status")), split(rs.getString("procedures")),
                        instant(rs, "queued_at"), instant(rs, "called_at"), instant(rs, "started_at"),
                        instant(rs, "completed_at"), rs.getString("counter_id"), rs.getInt("recall_count")))
                .list();
    }

    private static ProblemException ticketNotFound() {
        return ProblemException.notFound("unknown-ticket", "受付票が見つかりません。");
    }

    private static ProblemException visitNotFound() {
        return ProblemException.notFound("unknown-visit", "受付（課ごとの予約）が見つかりません。");
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime odt(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

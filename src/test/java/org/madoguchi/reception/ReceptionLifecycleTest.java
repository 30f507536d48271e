package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ProblemException;

/** The visit lifecycle and the rules around it, one scenario per test, on the real database. */
class ReceptionLifecycleTest {

    private static final Actor MANAGER = Actor.staff(5001, Actor.Role.MANAGER, Set.of());
    private static final Actor KOSEKI = Actor.staff(5002, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static final Actor KOKUHO = Actor.staff(5003, Actor.Role.STAFF, Set.of("kokuho-nenkin"));
    private static final Actor CHOJU = Actor.staff(5004, Actor.Role.STAFF, Set.of("choju"));
    private static final Actor KAIGO = Actor.staff(5005, Actor.Role.STAFF, Set.of("kaigo"));

    private final TestApp app = TestApp.shared();
    private final ReceptionService reception = app.bean(ReceptionService.class);

    @BeforeEach
    @AfterEach
    void reset() {
        app.resetReception();
    }

    private Ticket issue(String priority, String... departments) {
        return reception.issue(new IssueTicket("honcho",
                java.util.Arrays.stream(departments).map(d -> new ItineraryStep(d, List.of())).toList(),
                priority, null, null), MANAGER).ticket();
    }

    private VisitStatus statusOf(long visitId) {
        return VisitStatus.valueOf(app.jdbc().sql("SELECT status FROM reception.visit WHERE id = :id")
                .param("id", visitId).query(String.class).single());
    }

    @Test
    void aHandedOverVisitorIsCalledBeforeALaterTicketAtTheNextDepartment() {
        Ticket first = issue(null, "koseki-jumin", "kokuho-nenkin");
        Ticket later = issue(null, "kokuho-nenkin");
        reception.openCounter("honcho-1", KOSEKI);
        reception.openCounter("honcho-11", KOKUHO);

        long atKoseki = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        reception.start(atKoseki, KOSEKI);
        Ticket afterKoseki = reception.complete(atKoseki, KOSEKI);
        assertThat(afterKoseki.visits().get(1).status()).isEqualTo(VisitStatus.WAITING);

        Ticket.Visit calledAtKokuho = reception.callNext("honcho-11", KOKUHO).orElseThrow();
        assertThat(calledAtKokuho.id()).isEqualTo(first.visits().get(1).id());
        assertThat(reception.queue("kokuho-nenkin", KOKUHO)).extracting(QueueEntry::number)
                .containsExactly(later.number());
        // The handed-over visit's arrival time is the hand-over; its priority is still the original issue time.
        assertThat(app.jdbc().sql("SELECT count(*) FROM reception.event WHERE type = 'HANDED_OVER' AND ticket_id = :t")
                .param("t", first.id()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void priorityClassesComeBeforeEarlierGeneralTickets() {
        Ticket general = issue("GENERAL", "koseki-jumin");
        Ticket elderly = issue("ELDERLY", "koseki-jumin");
        Ticket pregnant = issue("PREGNANT", "koseki-jumin");
        assertThat(reception.queue("koseki-jumin", KOSEKI)).extracting(QueueEntry::number)
                .containsExactly(pregnant.number(), elderly.number(), general.number());
    }

    @Test
    void atTheSharedElderlyCounterTheNextDepartmentComesToTheSeatedVisitor() {
        Ticket earlierKaigo = issue(null, "kaigo");
        Ticket seated = issue(null, "choju", "kaigo");
        reception.openCounter("honcho-31", CHOJU);
        long chojuVisit = reception.callNext("honcho-31", CHOJU).orElseThrow().id();
        assertThat(chojuVisit).isEqualTo(seated.visits().get(0).id());
        reception.complete(chojuVisit, CHOJU);

        // 介護保険課 staff at another elderly counter get the ordinary queue, not the seated visitor.
        reception.openCounter("honcho-32", KAIGO);
        assertThat(reception.callNext("honcho-32", KAIGO).orElseThrow().id()).isEqualTo(earlierKaigo.visits().get(0).id());
        // 介護保険課 staff taking the seat at counter 31 serve the visitor who stayed there.
        reception.openCounter("honcho-31", KAIGO);
        Ticket.Visit atSeat = reception.callNext("honcho-31", KAIGO).orElseThrow();
        assertThat(atSeat.id()).isEqualTo(seated.visits().get(1).id());
        assertThat(atSeat.counterId()).isEqualTo("honcho-31");
    }

    @Test
    void anAbsentVisitorReturnsWithTheOriginalPriorityWithinTheGracePeriod() {
        Ticket absent = issue(null, "koseki-jumin");
        Ticket later = issue(null, "koseki-jumin");
        reception.openCounter("honcho-1", KOSEKI);
        long visit = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        reception.recall(visit, KOSEKI);
        reception.markAbsent(visit, KOSEKI);
        assertThat(reception.queue("koseki-jumin", KOSEKI)).extracting(QueueEntry::number).containsExactly(later.number());

        reception.returnToQueue(visit, KOSEKI);
        assertThat(reception.queue("koseki-jumin", KOSEKI)).extracting(QueueEntry::number)
                .containsExactly(absent.number(), later.number());
        assertThat(app.jdbc().sql("SELECT recall_count FROM reception.visit WHERE id = :id").param("id", visit)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void afterTheGracePeriodAnAbsentVisitIsDroppedAndTheItineraryMovesOn() {
        Ticket ticket = issue(null, "koseki-jumin", "kokuho-nenkin");
        reception.openCounter("honcho-1", KOSEKI);
        long visit = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        reception.markAbsent(visit, KOSEKI);
        // Sixteen minutes pass (the default grace period is fifteen).
        app.jdbc().sql("UPDATE reception.visit SET absent_at = absent_at - interval '16 minutes' WHERE id = :id")
                .param("id", visit).update();

        assertThatThrownBy(() -> reception.returnToQueue(visit, KOSEKI))
                .isInstanceOf(ProblemException.class).hasMessageContaining("過ぎた");
        assertThat(reception.expireAbsences()).isEqualTo(1);
        assertThat(statusOf(visit)).isEqualTo(VisitStatus.DROPPED);
        assertThat(statusOf(ticket.visits().get(1).id())).isEqualTo(VisitStatus.WAITING);
    }

    @Test
    void handOverToADepartmentNotBookedAddsItNext() {
        Ticket ticket = issue(null, "koseki-jumin", "kosodate");
        reception.openCounter("honcho-1", KOSEKI);
        long visit = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        Ticket after = reception.handOver(visit, new ItineraryStep("kokuho-nenkin", List.of("kokuho-kanyu")), KOSEKI);
        assertThat(after.visits()).extracting(Ticket.Visit::departmentId)
                .containsExactly("koseki-jumin", "kokuho-nenkin", "kosodate");
        assertThat(after.visits()).extracting(Ticket.Visit::status)
                .containsExactly(VisitStatus.COMPLETED, VisitStatus.WAITING, VisitStatus.PENDING);
        assertThat(after.visits().get(1).procedureIds()).containsExactly("kokuho-kanyu");
        assertThat(after.id()).isEqualTo(ticket.id());
    }

    @Test
    void handOverToALaterBookedDepartmentMovesItForward() {
        issue(null, "koseki-jumin", "kosodate", "kokuho-nenkin");
        reception.openCounter("honcho-1", KOSEKI);
        long visit = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        Ticket after = reception.handOver(visit, new ItineraryStep("kokuho-nenkin", List.of()), KOSEKI);
        assertThat(after.visits()).extracting(Ticket.Visit::departmentId)
                .containsExactly("koseki-jumin", "kokuho-nenkin", "kosodate");
        assertThat(after.visits()).extracting(Ticket.Visit::status)
                .containsExactly(VisitStatus.COMPLETED, VisitStatus.WAITING, VisitStatus.PENDING);
    }

    @Test
    void departmentsCanBeAddedAndRemovedWhileTheVisitorIsHere() {
        Ticket ticket = issue(null, "koseki-jumin");
        Ticket added = reception.addVisit(ticket.id(), new ItineraryStep("kosodate", List.of("jido-teate")), KOSEKI);
        assertThat(added.visits()).extracting(Ticket.Visit::status).containsExactly(VisitStatus.WAITING, VisitStatus.PENDING);
        assertThatThrownBy(() -> reception.addVisit(ticket.id(), new ItineraryStep("kazei", List.of()), KOSEKI))
                .hasMessageContaining("窓口連携の対象外");

        Ticket removed = reception.removeVisit(added.visits().get(0).id(), KOSEKI);
        assertThat(removed.visits()).extracting(Ticket.Visit::status)
                .containsExactly(VisitStatus.CANCELLED, VisitStatus.WAITING);
        Ticket cancelled = reception.cancel(ticket.id(), MANAGER);
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.visits()).extracting(Ticket.Visit::status)
                .containsExactly(VisitStatus.CANCELLED, VisitStatus.CANCELLED);
    }

    @Test
    void staffOfOneDepartmentCannotServeAnother() {
        Ticket ticket = issue(null, "kokuho-nenkin");
        assertThatThrownBy(() -> reception.openCounter("honcho-11", KOSEKI)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("other-department");
        reception.openCounter("honcho-11", KOKUHO);
        long visit = reception.callNext("honcho-11", KOKUHO).orElseThrow().id();
        assertThatThrownBy(() -> reception.complete(visit, KOSEKI)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("other-department");
        assertThatThrownBy(() -> reception.queue("kokuho-nenkin", KOSEKI)).isInstanceOf(ProblemException.class);
        assertThat(ticket.number()).isPositive();
    }

    @Test
    void closingTheDayRecordsEveryUnfinishedVisitAndStopsIssuing() {
        Actor akatsuka = Actor.staff(5010, Actor.Role.STAFF, Set.of("akatsuka-madoguchi"));
        Ticket served = reception.issue(new IssueTicket("akatsuka", List.of(new ItineraryStep("akatsuka-madoguchi", List.of())),
                null, null, null), akatsuka).ticket();
        Ticket called = reception.issue(new IssueTicket("akatsuka", List.of(new ItineraryStep("akatsuka-madoguchi", List.of())),
                null, null, null), akatsuka).ticket();
        Ticket waiting = reception.issue(new IssueTicket("akatsuka", List.of(new ItineraryStep("akatsuka-madoguchi", List.of())),
                null, null, null), akatsuka).ticket();
        reception.openCounter("akatsuka-1", akatsuka);
        reception.complete(reception.callNext("akatsuka-1", akatsuka).orElseThrow().id(), akatsuka);
        reception.callNext("akatsuka-1", akatsuka);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        assertThatThrownBy(() -> reception.closeDay("akatsuka", today, akatsuka)).isInstanceOf(ProblemException.class);
        DayClosing closing = reception.closeDay("akatsuka", today, MANAGER);
        assertThat(closing.unservedTickets()).isEqualTo(2);
        assertThat(closing.unserved()).extracting(DayClosing.Unserved::number, DayClosing.Unserved::statusBefore)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(called.number(), VisitStatus.CALLED),
                        org.assertj.core.groups.Tuple.tuple(waiting.number(), VisitStatus.WAITING));
        assertThat(reception.ticket(served.id(), MANAGER).status()).isEqualTo("FINISHED");
        assertThat(reception.ticket(waiting.id(), MANAGER).status()).isEqualTo("CLOSED_UNSERVED");
        assertThat(reception.dayClosings("akatsuka", 5)).singleElement()
                .satisfies(c -> assertThat(c.unserved()).hasSize(2));

        assertThatThrownBy(() -> reception.issue(new IssueTicket("akatsuka",
                List.of(new ItineraryStep("akatsuka-madoguchi", List.of())), null, null, null), akatsuka))
                .isInstanceOf(ProblemException.class).extracting(e -> ((ProblemException) e).code()).isEqualTo("day-closed");
        assertThatThrownBy(() -> reception.closeDay("akatsuka", today, MANAGER))
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("day-already-closed");
        // The other office is unaffected.
        assertThat(issue(null, "koseki-jumin").number()).isEqualTo(1);
        assertThat(UUID.fromString(served.id().toString())).isNotNull();
    }
}

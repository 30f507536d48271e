package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;

/** Many kiosks and counters at the same instant: numbers stay gap-free and every visit is called exactly once. */
class ConcurrentReceptionTest {

    private static final int TICKETS = 1500;
    private final TestApp app = TestApp.shared();
    private final ReceptionService reception = app.bean(ReceptionService.class);
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        app.resetReception();
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        app.resetReception();
    }

    @Test
    void countersCallingAtOnceNeverShareAVisitAndLoseNone() throws Exception {
        // Eight issuers at once: numbers must come out 1..N, each exactly once.
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
        runAll(IntStream.range(0, 8).mapToObj(i -> (Callable<Void>) () -> {
            Actor staff = Actor.staff(7000 + i, Actor.Role.MANAGER, Set.of());
            for (int n = 0; n < TICKETS / 8 + (i < TICKETS % 8 ? 1 : 0); n++) {
                numbers.add(reception.issue(new IssueTicket("honcho", List.of(
                        new ItineraryStep("koseki-jumin", List.of("tennyu")),
                        new ItineraryStep("kokuho-nenkin", List.of("kokuho-kanyu"))), null, null, null), staff)
                        .ticket().number());
            }
            return null;
        }).toList());
        assertThat(numbers).hasSize(TICKETS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, TICKETS).boxed().toList());
        // The number is written last; every committed ticket, visit and event carries it.
        assertThat(app.jdbc().sql("""
                        SELECT (SELECT count(*) FROM reception.ticket WHERE number IS NULL)
                             + (SELECT count(*) FROM reception.visit WHERE ticket_number IS NULL)
                             + (SELECT count(*) FROM reception.event WHERE ticket_id IS NOT NULL AND ticket_number IS NULL)""")
                .query(Long.class).single()).isZero();

        // 8 counters of 戸籍住民課 and 6 of 国保年金課, all calling as fast as they can.
        List<String> counters = new ArrayList<>();
        IntStream.rangeClosed(1, 8).forEach(n -> counters.add("honcho-" + n));
        IntStream.rangeClosed(11, 16).forEach(n -> counters.add("honcho-" + n));
        int visits = TICKETS * 2;
        AtomicInteger completed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < counters.size(); i++) {
            String counter = counters.get(i);
            Actor staff = Actor.staff(8000 + i, Actor.Role.MANAGER, Set.of());
            reception.openCounter(counter, staff);
            workers.add(() -> {
                start.await();
                while (completed.get() < visits) {
                    var called = reception.callNext(counter, staff);
                    if (called.isEmpty()) {
                        Thread.sleep(2);
                        continue;
                    }
                    reception.complete(called.get().id(), staff);
                    completed.incrementAndGet();
                }
                return null;
            });
        }
        List<Future<Void>> futures = workers.stream().map(pool::submit).toList();
        start.countDown();
        for (Future<Void> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }

        assertThat(completed.get()).isEqualTo(visits);
        Map<String, Object> counts = app.jdbc().sql("""
                        SELECT count(*) AS visits,
                               count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                               (SELECT count(*) FROM reception.event WHERE type = 'CALLED') AS calls,
                               (SELECT count(DISTINCT visit_id) FROM reception.event WHERE type = 'CALLED') AS called_visits,
                               (SELECT count(*) FROM reception.ticket WHERE status = 'FINISHED') AS finished
                        FROM reception.visit""").query().singleRow();
        assertThat(counts).containsEntry("visits", (long) visits).containsEntry("completed", (long) visits)
                .containsEntry("calls", (long) visits).containsEntry("called_visits", (long) visits)
                .containsEntry("finished", (long) TICKETS);
        // Each 国保年金課 visit was called only after its 戸籍住民課 visit completed.
        long outOfOrder = app.jdbc().sql("""
                        SELECT count(*) FROM reception.visit a JOIN reception.visit b ON a.ticket_id = b.ticket_id AND b.seq = 2
                        WHERE a.seq = 1 AND b.called_at < a.completed_at""").query(Long.class).single();
        assertThat(outOfOrder).isZero();
    }

    @Test
    void aDoubleTapWithOneIdempotencyKeyMakesOneTicket() throws Exception {
        Actor staff = Actor.staff(7100, Actor.Role.MANAGER, Set.of());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Ticket>> taps = IntStream.range(0, 8).mapToObj(i -> (Callable<Ticket>) () -> {
            start.await();
            return reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                    null, null, "kiosk-3-tap-42"), staff).ticket();
        }).toList();
        List<Future<Ticket>> futures = taps.stream().map(pool::submit).toList();
        start.countDown();
        Set<Object> ids = new java.util.HashSet<>();
        for (Future<Ticket> f : futures) {
            ids.add(f.get(1, TimeUnit.MINUTES).id());
        }
        assertThat(ids).hasSize(1);
        assertThat(app.jdbc().sql("SELECT count(*) FROM reception.ticket").query(Long.class).single()).isEqualTo(1L);
        assertThat(app.jdbc().sql("SELECT last_number FROM reception.ticket_number").query(Integer.class).single())
                .as("no number was consumed by the repeated taps").isEqualTo(1);
    }

    @Test
    void noTicketSlipsInWhileTheDayCloses() throws Exception {
        Actor staff = Actor.staff(7200, Actor.Role.MANAGER, Set.of());
        List<Integer> issued = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        List<Future<Void>> issuers = IntStream.range(0, 4).mapToObj(i -> pool.submit((Callable<Void>) () -> {
            while (true) {
                try {
                    issued.add(reception.issue(new IssueTicket("akatsuka", List.of(
                            new ItineraryStep("akatsuka-madoguchi", List.of())), null, null, null), staff).ticket().number());
                } catch (org.madoguchi.platform.ProblemException refused) {
                    assertThat(refused.code()).isEqualTo("day-closed");
                    return null;
                }
            }
        })).toList();
        while (issued.size() < 50) {
            Thread.sleep(5);
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        DayClosing closing = reception.closeDay("akatsuka", today, staff);
        closed.set(true);
        for (Future<Void> f : issuers) {
            f.get(1, TimeUnit.MINUTES);
        }
        // Every ticket that was acknowledged was caught by the closing; none is left open; numbers have no gap.
        assertThat(closing.unservedTickets()).isEqualTo(issued.size());
        assertThat(app.jdbc().sql("SELECT count(*) FROM reception.ticket WHERE office_id = 'akatsuka' AND status = 'OPEN'")
                .query(Long.class).single()).isZero();
        assertThat(issued).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, issued.size()).boxed().toList());
        assertThat(closed).isTrue();
    }

    private void runAll(List<Callable<Void>> tasks) throws Exception {
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
    }
}

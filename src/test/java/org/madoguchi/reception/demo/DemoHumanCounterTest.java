package org.madoguchi.reception.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.ReceptionService;

/**
 * Issue 14, item 7: with the demo on, a person who signs in at a counter the simulator is working (the shared
 * elderly counter, where staff rotate, and an ordinary one) has it to themselves: the simulator calls no one there
 * any more, and the counter stays theirs.
 */
class DemoHumanCounterTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Actor ELDERLY_CLERK = Actor.staff(9101, Actor.Role.STAFF, Set.of("choju", "kaigo", "koki-korei"));
    private static final Actor KOSEKI_CLERK = Actor.staff(9102, Actor.Role.STAFF, Set.of("koseki-jumin"));

    @Test
    void theSimulatorNeverCallsToACounterAPersonHasSignedInTo(@TempDir Path dir) {
        // A weekday morning, so that the demo runs whichever day it chooses to show.
        Instant morning = LocalDate.now(TOKYO).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY)).atTime(10, 0)
                .atZone(TOKYO).toInstant();
        TestApp app = DemoApps.start(dir, morning, Map.of());
        try {
            ReceptionService reception = app.bean(ReceptionService.class);
            awaitSystemCall(app, "honcho-31");
            awaitSystemCall(app, "honcho-2");

            // The shared elderly counter, where staff take the seat in turn: the simulator's turns are over.
            reception.openCounter("honcho-31", ELDERLY_CLERK);
            long signedIn = lastEventId(app);
            DemoApps.pause(5_000); // 25 business minutes
            assertThat(systemCallsSince(app, signedIn, "honcho-32", "honcho-33")).as("the demo is still running").isPositive();
            assertThat(systemCallsSince(app, signedIn, "honcho-31")).isZero();
            assertThat(reception.counterState("honcho-31").staffId()).isEqualTo(ELDERLY_CLERK.staffId());

            // An ordinary counter the simulator holds is handed to the person who signs in there.
            reception.openCounter("honcho-2", KOSEKI_CLERK);
            signedIn = lastEventId(app);
            DemoApps.pause(4_000);
            assertThat(systemCallsSince(app, signedIn, "honcho-1", "honcho-3")).as("the demo is still running").isPositive();
            assertThat(systemCallsSince(app, signedIn, "honcho-2")).isZero();
            assertThat(reception.counterState("honcho-2").staffId()).isEqualTo(KOSEKI_CLERK.staffId());

            // Whoever the simulator had at the counter is finished off at its next step; then the person calls.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (reception.counterState("honcho-31").current() != null) {
                assertThat(System.nanoTime()).as("the simulator's visitor is still at 31").isLessThan(deadline);
                DemoApps.pause(200);
            }
            reception.callNext("honcho-31", ELDERLY_CLERK);
        } finally {
            app.close();
        }
    }

    private static void awaitSystemCall(TestApp app, String counterId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (systemCallsSince(app, 0, counterId) == 0) {
            assertThat(System.nanoTime()).as("the demo never called to %s", counterId).isLessThan(deadline);
            DemoApps.pause(200);
        }
    }

    /** Calls made by the system (no member of staff) to these counters after the event id. */
    private static int systemCallsSince(TestApp app, long eventId, String... counterIds) {
        return app.jdbc().sql("""
                        SELECT count(*) FROM reception.event WHERE type = 'CALLED' AND staff_id IS NULL AND id > :since
                          AND counter_id IN (:counters)""")
                .param("since", eventId).param("counters", java.util.List.of(counterIds)).query(Integer.class).single();
    }

    private static long lastEventId(TestApp app) {
        return app.jdbc().sql("SELECT coalesce(max(id), 0) FROM reception.event").query(Long.class).single();
    }
}

package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two transactions write events; the one that inserted first commits last. A board that has seen the quick one and
 * reconnects with its Last-Event-ID must still receive the slow one: event ids on the stream follow commit order,
 * not the order of inserts (they did, and such an event was skipped for good).
 */
class ReceptionEventsCommitOrderTest {

    private final TestApp app = TestApp.shared();

    @Test
    void anEventThatCommitsLaterIsCaughtUpAfterOneInsertedLater() throws Exception {
        EventLog log = app.bean(EventLog.class);
        ReceptionEvents events = app.bean(ReceptionEvents.class);
        TransactionTemplate tx = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong slowId = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread slow = new Thread(() -> {
            try {
                tx.executeWithoutResult(status -> {
                    slowId.set(log.record(Instant.now(), Actor.system(), entry("honcho-9")));
                    inserted.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Throwable t) {
                failed.set(t);
                inserted.countDown();
            }
        });
        slow.start();
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();

        long quickId = tx.execute(status -> log.record(Instant.now(), Actor.system(), entry("honcho-10")));
        assertThat(quickId).as("inserted after the slow one").isGreaterThan(slowId.get());
        // What a board received last before it lost its connection: the quick commit.
        long lastEventId = events.byIds(List.of(quickId)).get(0).id();

        release.countDown();
        slow.join(30_000);
        assertThat(failed.get()).isNull();

        LiveEvent slowEvent = events.byIds(List.of(slowId.get())).get(0);
        assertThat(slowEvent.id()).as("its place in the stream").isGreaterThan(lastEventId);
        assertThat(events.since("honcho", lastEventId, 1000)).extracting(LiveEvent::id).contains(slowEvent.id());
        // Live subscribers are handed both in the order they committed.
        assertThat(events.byIds(List.of(slowId.get(), quickId))).extracting(LiveEvent::counterId)
                .containsExactly("honcho-10", "honcho-9");
    }

    private static EventLog.Entry entry(String counterId) {
        return new EventLog.Entry(EventType.COUNTER_OPENED, "honcho", null, null, null, null, counterId, null, null, null);
    }
}

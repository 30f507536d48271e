package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ClusterNotifications;

/**
 * The listening connection was lost while tickets were issued: when it is back, the subscriber first receives the
 * events committed meanwhile, once, and then the resync. The notifications are played by hand here, so the gap is
 * exactly where the test puts it.
 */
class ReceptionEventsCatchUpTest {

    private static final Actor STAFF = Actor.staff(6301, Actor.Role.MANAGER, Set.of());
    private final TestApp app = TestApp.shared();

    /** Delivers nothing by itself: the test decides what arrives, and when the connection comes back. */
    private static final class ByHand implements ClusterNotifications {
        Consumer<String> listener;
        Runnable onResync;

        @Override
        public void subscribe(String channel, Consumer<String> listener, Runnable onResync) {
            this.listener = listener;
            this.onResync = onResync;
        }

        @Override
        public void send(String channel, String payload) {
        }
    }

    @Test
    void eventsCommittedWhileTheConnectionWasLostArriveOnceBeforeTheResync() {
        ByHand notifications = new ByHand();
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        AtomicInteger resyncs = new AtomicInteger();
        List<Integer> receivedBeforeResync = new CopyOnWriteArrayList<>();
        new ReceptionEvents(app.jdbc(), notifications).subscribe(received::addAll, () -> {
            resyncs.incrementAndGet();
            received.forEach(e -> receivedBeforeResync.add(e.number()));
        });

        int seen = issue();
        notifications.listener.accept(idsOf(seen));
        assertThat(received).extracting(LiveEvent::number).containsOnly(seen);

        // The connection is lost: this commit's notification never arrives.
        int missed = issue();
        notifications.onResync.run();
        assertThat(resyncs.get()).isEqualTo(1);
        assertThat(receivedBeforeResync).contains(missed);
        assertThat(received.stream().filter(e -> e.number() != null && e.number() == seen)).hasSize(idsOf(seen).split(",").length);

        // A transaction that committed just after listening began is notified too: it is not delivered twice.
        int count = received.size();
        notifications.listener.accept(idsOf(missed));
        assertThat(received).hasSize(count);

        // And the next commit arrives as usual.
        int next = issue();
        notifications.listener.accept(idsOf(next));
        assertThat(received).extracting(LiveEvent::number).contains(next);
    }

    /**
     * The connection is lost before this node was notified of a single commit (just started, or a quiet floor): what
     * was committed meanwhile is caught up all the same, not left to a resync that open streams cannot replay.
     */
    @Test
    void aNodeThatHasNotSeenAnEventYetCatchesUpToo() {
        ByHand notifications = new ByHand();
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        AtomicInteger resyncs = new AtomicInteger();
        new ReceptionEvents(app.jdbc(), notifications).subscribe(received::addAll, resyncs::incrementAndGet);

        int missed = issue();
        notifications.onResync.run();

        assertThat(received).extracting(LiveEvent::number).contains(missed);
        assertThat(received).extracting(LiveEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(resyncs.get()).isEqualTo(1);
    }

    private int issue() {
        return app.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                List.of(new ItineraryStep("koseki-jumin", List.of())), null, null, null), STAFF).ticket().number();
    }

    /** The event ids of a ticket's commit, as its notification carries them. */
    private String idsOf(int number) {
        return app.jdbc().sql("SELECT id FROM reception.event WHERE office_id = 'honcho' AND ticket_number = :n ORDER BY id")
                .param("n", number).query(Long.class).list().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

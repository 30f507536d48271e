package org.madoguchi.reception.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.madoguchi.platform.DatabaseOutages;
import org.madoguchi.platform.OpenStreams;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.LiveEvent;
import org.madoguchi.reception.ReceptionEvents;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans committed reception events out to Server-Sent-Event subscribers of this node. Each subscriber has
 * its own small queue drained by a shared pool, so a slow or dead connection delays nobody else; one that
 * falls too far behind is disconnected and catches up on reconnect (Last-Event-ID).
 *
 * <p>Subscribers are signed-in staff and paired devices only (the public has liveinfo's status stream), so the
 * cap here is theirs alone; each holder (one login, one device) may take only a few, so that a leaked device
 * token cannot use up the cap either.
 *
 * <p>While the database is away the streams stay open (their pings go on), so each is told: a {@code paused} event
 * when the outage begins, a {@code resync} when it ends; screens show a waiting state in between.
 */
@Component
public class LiveEventHub implements DisposableBean, OpenStreams {

    static final int MAX_BACKLOG = 500;
    static final int CATCH_UP_LIMIT = 1000;
    private static final long EMITTER_TIMEOUT_MS = 30 * 60 * 1000L;

    private final ReceptionEvents events;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /**
     * A write to a client that vanished without closing (a TV switched off) blocks until TCP gives up. Each
     * drain therefore gets a thread of its own from a cached pool, so a stuck client holds only its own
     * thread; the subscriber cap bounds how many there can be. Crowds use liveinfo's lean stream instead.
     */
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("sse-send"));
    private final int maxSubscribers;
    private final int maxPerHolder;
    private final Map<String, Integer> perHolder = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("sse-heartbeat"));
    private volatile boolean shuttingDown;

    LiveEventHub(ReceptionEvents events, DatabaseOutages outages,
                 @Value("${madoguchi.reception.max-live-subscribers:500}") int maxSubscribers,
                 @Value("${madoguchi.reception.max-live-subscribers-per-holder:10}") int maxPerHolder) {
        this.events = events;
        this.maxSubscribers = maxSubscribers;
        this.maxPerHolder = maxPerHolder;
        events.subscribe(this::publish, this::resyncAll);
        outages.subscribe(this::pauseAll, this::resyncAll);
        heartbeat.scheduleAtFixedRate(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    /**
     * Opens a stream for an office (optionally one department), replaying what the caller missed.
     * {@code holder} names who holds it (a login or a device) for the per-holder limit.
     */
    public SseEmitter subscribe(String officeId, String departmentId, Long lastEventId, String holder) {
        if (shuttingDown || subscribers.size() >= maxSubscribers) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-subscribers",
                    "ただいま接続が混み合っています。しばらくしてから再接続してください。");
        }
        if (!countFor(holder)) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams",
                    "同じ利用者（端末）からの接続が多すぎます。使っていない画面を閉じてください。");
        }
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
        Subscriber subscriber = new Subscriber(officeId, departmentId, holder, emitter);
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onTimeout(() -> remove(subscriber));
        emitter.onError(e -> remove(subscriber));
        try {
            // Register first, then replay: what commits meanwhile is held back until the replay is out.
            if (lastEventId != null) {
                subscriber.beginReplay(lastEventId);
            }
            subscribers.add(subscriber);
            if (lastEventId != null) {
                List<LiveEvent> missed = events.since(officeId, lastEventId, CATCH_UP_LIMIT + 1);
                if (missed.size() > CATCH_UP_LIMIT) {
                    subscriber.endReplay(List.of(), true);
                } else {
                    subscriber.endReplay(missed.stream().filter(subscriber::wants).toList(), false);
                }
            } else {
                subscriber.offerHello();
            }
        } catch (RuntimeException e) {
            // No stream is opened (the database went away just now, say): the holder's slot is given back.
            remove(subscriber);
            throw e;
        }
        schedule(subscriber);
        return emitter;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    private boolean countFor(String holder) {
        boolean[] counted = {false};
        perHolder.compute(holder, (h, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerHolder) {
                return n;
            }
            counted[0] = true;
            return now + 1;
        });
        return counted[0];
    }

    /** Every way a stream ends comes here; only the first gives the holder's stream back. */
    private void remove(Subscriber s) {
        if (subscribers.remove(s)) {
            perHolder.computeIfPresent(s.holder, (h, n) -> n <= 1 ? null : n - 1);
        }
    }

    private void publish(List<LiveEvent> committed) {
        for (Subscriber s : subscribers) {
            boolean any = false;
            for (LiveEvent e : committed) {
                if (s.wants(e)) {
                    s.offer(e);
                    any = true;
                }
            }
            if (any) {
                schedule(s);
            }
        }
    }

    private void resyncAll() {
        for (Subscriber s : subscribers) {
            s.offerResync();
            schedule(s);
        }
    }

    private void pauseAll() {
        for (Subscriber s : subscribers) {
            s.offerPaused();
            schedule(s);
        }
    }

    private void ping() {
        for (Subscriber s : subscribers) {
            s.offerPing();
            schedule(s);
        }
    }

    private void schedule(Subscriber s) {
        if (s.backlog.get() > MAX_BACKLOG) {
            remove(s);
            s.emitter.complete();
            return;
        }
        if (s.draining.compareAndSet(false, true)) {
            senders.execute(() -> drain(s));
        }
    }

    private void drain(Subscriber s) {
        try {
            SseEmitter.SseEventBuilder item;
            while ((item = s.queue.poll()) != null) {
                s.backlog.decrementAndGet();
                s.emitter.send(item);
            }
        } catch (IOException | IllegalStateException e) {
            remove(s);
            s.emitter.completeWithError(e);
            return;
        } finally {
            s.draining.set(false);
        }
        if (!s.queue.isEmpty()) {
            schedule(s);
        }
    }

    /** Ends every stream before the web server waits for open requests; screens reconnect once it is back. */
    @Override
    public void endForShutdown() {
        shuttingDown = true;
        for (Subscriber s : subscribers) {
            remove(s);
            try {
                s.emitter.complete();
            } catch (RuntimeException alreadyGone) {
                // The connection ended meanwhile; nothing left to close.
            }
        }
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
        senders.shutdownNow();
        endForShutdown();
        subscribers.clear();
        perHolder.clear();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Subscriber {
        final String officeId;
        final String departmentId;
        final String holder;
        final SseEmitter emitter;
        final Queue<SseEmitter.SseEventBuilder> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger backlog = new AtomicInteger();
        final AtomicBoolean draining = new AtomicBoolean();
        /**
         * The position of the last event offered: events arrive in commit order (live) or are replayed in it, so one
         * number de-duplicates where replay and live delivery overlap, and nothing goes out of order.
         */
        private long lastPosition = -1;
        /** Live events that arrived while the replay was being read, sent after it. */
        private List<LiveEvent> heldBack;

        Subscriber(String officeId, String departmentId, String holder, SseEmitter emitter) {
            this.officeId = officeId;
            this.departmentId = departmentId;
            this.holder = holder;
            this.emitter = emitter;
        }

        boolean wants(LiveEvent e) {
            return officeId.equals(e.officeId())
                    && (departmentId == null || e.departmentId() == null || departmentId.equals(e.departmentId()));
        }

        synchronized void beginReplay(long after) {
            lastPosition = after;
            heldBack = new ArrayList<>();
        }

        /** Sends the replay, or a resync when it was too long, then what arrived live meanwhile. */
        synchronized void endReplay(List<LiveEvent> missed, boolean tooMany) {
            List<LiveEvent> live = heldBack;
            heldBack = null;
            if (tooMany) {
                offerResync();
            }
            missed.forEach(this::offer);
            live.forEach(this::offer);
        }

        synchronized void offer(LiveEvent e) {
            if (heldBack != null) {
                heldBack.add(e);
                return;
            }
            if (e.id() <= lastPosition) {
                return;
            }
            lastPosition = e.id();
            add(SseEmitter.event().id(Long.toString(e.id())).name(e.type().name().toLowerCase())
                    .data(e, MediaType.APPLICATION_JSON));
        }

        void offerResync() {
            add(SseEmitter.event().name("resync").data("{}", MediaType.APPLICATION_JSON));
        }

        void offerHello() {
            add(SseEmitter.event().name("hello").data("{}", MediaType.APPLICATION_JSON).reconnectTime(3000));
        }

        void offerPaused() {
            // Nothing new can be committed until the resync that ends the outage.
            add(SseEmitter.event().name("paused").data("{}", MediaType.APPLICATION_JSON));
        }

        void offerPing() {
            // A named event, not a comment: browsers only see events, and consoles use it to notice a dead link.
            add(SseEmitter.event().name("ping").data("{}", MediaType.APPLICATION_JSON));
        }

        private void add(SseEmitter.SseEventBuilder item) {
            backlog.incrementAndGet();
            queue.add(item);
        }
    }
}

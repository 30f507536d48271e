package org.madoguchi.liveinfo.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.madoguchi.liveinfo.LiveInfoProperties;
import org.madoguchi.liveinfo.LiveStatus;
import org.madoguchi.liveinfo.stream.StreamsPerClient;
import org.madoguchi.platform.OpenStreams;
import org.madoguchi.platform.ProblemException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Pushes each office's new status to its stream subscribers. One frame is encoded per update and the same
 * bytes go to everyone. Writes are non-blocking (Servlet {@link WriteListener}), so a slow or dead connection
 * never holds a thread: a subscriber keeps at most one frame waiting, a newer status replaces an older one
 * (only the latest picture matters), and one that has not accepted data for {@code stalledAfter} is dropped.
 * Besides the node's cap, each client address may hold only a few streams, so one client cannot use them all up.
 */
@Component
class StatusStream implements DisposableBean, OpenStreams {

    private static final byte[] RETRY = "retry: 5000\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING = "event: ping\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8);
    private static final long LIFETIME_MS = TimeUnit.MINUTES.toMillis(30);

    private final LiveStatus status;
    private final LiveInfoProperties properties;
    private final Map<String, Set<Subscriber>> byOffice = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final StreamsPerClient perClient;
    private volatile boolean shuttingDown;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "liveinfo-heartbeat");
        t.setDaemon(true);
        return t;
    });

    StatusStream(LiveStatus status, LiveInfoProperties properties) {
        this.status = status;
        this.properties = properties;
        this.perClient = new StreamsPerClient(properties.maxSubscribersPerClient());
        status.onUpdate(this::publish);
        long every = properties.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::pingAndSweep, every, every, TimeUnit.MILLISECONDS);
    }

    int subscribers() {
        return count.get();
    }

    /** Starts a stream for the office with its current status as the first event. */
    void open(String officeId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        LiveStatus.Snapshot current = status.snapshot(officeId);
        if (shuttingDown || count.get() >= properties.maxSubscribers()) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-subscribers",
                    "ただいま混み合っています。しばらくしてから自動で再接続します。");
        }
        // The address as the container reports it: behind a reverse proxy, the visitor's once
        // server.forward-headers-strategy is set.
        String client = StreamsPerClient.key(request.getRemoteAddr());
        if (!perClient.tryOpen(client)) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams",
                    "同じ接続元からの接続が多すぎます。しばらくしてから自動で再接続します。");
        }
        Subscriber subscriber;
        try {
            subscriber = start(officeId, client, request, response);
        } catch (IOException | RuntimeException e) {
            perClient.closed(client);
            throw e;
        }
        subscriber.pending = concat(RETRY, frame(current));
        // Registered before its listener: whenever it ends, remove() finds it and gives the client's stream back.
        byOffice.computeIfAbsent(officeId, o -> ConcurrentHashMap.newKeySet()).add(subscriber);
        count.incrementAndGet();
        subscriber.async.addListener(subscriber);
        // The container calls onWritePossible at once, which sends the first frame.
        subscriber.out.setWriteListener(subscriber);
    }

    private Subscriber start(String officeId, String client, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache, no-store");
        // Proxies such as nginx would otherwise hold the events back.
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(LIFETIME_MS);
        return new Subscriber(officeId, client, async, async.getResponse().getOutputStream());
    }

    private void publish(LiveStatus.Snapshot snapshot) {
        Set<Subscriber> subscribers = byOffice.get(snapshot.status().officeId());
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        byte[] frame = frame(snapshot);
        for (Subscriber s : subscribers) {
            s.offer(frame, true);
        }
    }

    private void pingAndSweep() {
        long now = System.nanoTime();
        long stalled = properties.stalledAfter().toNanos();
        for (Set<Subscriber> subscribers : byOffice.values()) {
            for (Subscriber s : subscribers) {
                if (s.stalledFor(now) > stalled) {
                    s.close();
                } else {
                    s.offer(PING, false);
                }
            }
        }
    }

    static byte[] frame(LiveStatus.Snapshot snapshot) {
        return ("id: " + snapshot.status().version() + "\nevent: status\ndata: " + snapshot.json() + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private void remove(Subscriber s) {
        Set<Subscriber> subscribers = byOffice.get(s.officeId);
        if (subscribers != null && subscribers.remove(s)) {
            count.decrementAndGet();
            perClient.closed(s.client);
        }
    }

    /** Ends every stream before the web server waits for open requests; pages reconnect by themselves. */
    @Override
    public void endForShutdown() {
        shuttingDown = true;
        byOffice.values().forEach(subscribers -> subscribers.forEach(Subscriber::close));
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
        endForShutdown();
    }

    private final class Subscriber implements WriteListener, AsyncListener {
        final String officeId;
        final String client;
        final AsyncContext async;
        final ServletOutputStream out;
        /** The one frame waiting to be written (latest wins); guarded by this. */
        byte[] pending;
        private boolean needsFlush;
        private boolean closed;
        /** Since when the connection has refused data while a frame waited; 0 when it keeps up. */
        private volatile long blockedSince;

        Subscriber(String officeId, String client, AsyncContext async, ServletOutputStream out) {
            this.officeId = officeId;
            this.client = client;
            this.async = async;
            this.out = out;
        }

        void offer(byte[] frame, boolean replace) {
            synchronized (this) {
                if (closed || (!replace && pending != null)) {
                    return;
                }
                pending = frame;
            }
            pump();
        }

        synchronized void pump() {
            if (closed) {
                return;
            }
            try {
                while (out.isReady()) {
                    if (pending != null) {
                        byte[] frame = pending;
                        pending = null;
                        out.write(frame);
                        needsFlush = true;
                    } else if (needsFlush) {
                        needsFlush = false;
                        out.flush();
                    } else {
                        blockedSince = 0;
                        return;
                    }
                }
                // Not ready: the container calls onWritePossible when the connection takes data again.
                if (blockedSince == 0) {
                    blockedSince = System.nanoTime();
                }
            } catch (IOException | IllegalStateException e) {
                close();
            }
        }

        long stalledFor(long now) {
            long since = blockedSince;
            return since == 0 ? 0 : now - since;
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                pending = null;
            }
            remove(this);
            try {
                async.complete();
            } catch (RuntimeException alreadyDone) {
                // The container finished the request first (client gone, shutdown).
            }
        }

        @Override
        public void onWritePossible() {
            pump();
        }

        @Override
        public void onError(Throwable t) {
            close();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            synchronized (this) {
                closed = true;
            }
            remove(this);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // The browser reconnects by itself and gets a fresh status.
            close();
        }

        @Override
        public void onError(AsyncEvent event) {
            close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}

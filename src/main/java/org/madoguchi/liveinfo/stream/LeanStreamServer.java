package org.madoguchi.liveinfo.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madoguchi.liveinfo.LiveInfoProperties;
import org.madoguchi.liveinfo.LiveStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A small HTTP/1.1 server for the public status stream only, on its own port. Tomcat keeps about 60–100 KB of
 * buffers per open async request (docs/benchmarks.md); here an open subscriber costs its socket, the office, at
 * most one pending frame (a view of the frame shared by all) and two timestamps, so 10,000 fit in a small heap.
 *
 * <p>One selector thread does everything on the sockets. Frames are built on the status thread, once per update,
 * and handed over through a queue and {@link Selector#wakeup()}. Nothing here blocks: a subscriber that does not
 * keep up keeps only the newest frame, and one that accepts nothing for {@code stalled-after} is dropped.
 * Each client address may hold only {@code max-subscribers-per-client} streams (429 beyond), so that one client
 * cannot take the whole {@code max-subscribers}; behind a trusted proxy the client is the one it forwards for.
 */
@Component
public class LeanStreamServer implements SmartLifecycle {

    /** Same path as the servlet stream, so a proxy can route it here without the pages noticing. */
    static final Pattern PATH = Pattern.compile("/api/v1/public/offices/([^/?#]{1,64})/status/stream");
    static final int MAX_HEAD = 4096;
    /** Connections still sending their request head; more than this at once are refused outright. */
    static final int MAX_READING = 4096;
    /** Accepted per round of the selector, so that a burst of connections does not starve reading their heads. */
    static final int ACCEPT_BATCH = 256;
    static final long HEAD_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Logger log = LoggerFactory.getLogger(LeanStreamServer.class);
    private static final ByteBuffer PING = ascii("event: ping\ndata: {}\n\n");

    private final LiveStatus status;
    private final LiveInfoProperties live;
    private final StreamServerProperties properties;
    private final Set<String> allowedOrigins;
    private final Set<InetAddress> trustedProxies;
    private final StreamsPerClient perClient;
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** Selector thread only. */
    private final Map<String, Set<Conn>> byOffice = new HashMap<>();
    private final Map<String, ByteBuffer> latest = new HashMap<>();
    private final Set<Conn> reading = new HashSet<>();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(512);
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "liveinfo-stream-lookup");
        t.setDaemon(true);
        return t;
    });

    private volatile Selector selector;
    private volatile ServerSocketChannel server;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile int subscribers;
    private long nextHeartbeat;

    LeanStreamServer(LiveStatus status, LiveInfoProperties live, StreamServerProperties properties,
                     @Value("${madoguchi.public-base-url:}") String publicBaseUrl) {
        this.status = status;
        this.live = live;
        this.properties = properties;
        this.allowedOrigins = origins(properties.streamAllowedOrigins(), publicBaseUrl);
        this.trustedProxies = proxies(properties.streamTrustedProxies());
        this.perClient = new StreamsPerClient(live.maxSubscribersPerClient());
        status.onUpdate(this::publish);
    }

    static Set<String> origins(List<String> configured, String publicBaseUrl) {
        Set<String> origins = new LinkedHashSet<>();
        List<String> from = configured.isEmpty() && publicBaseUrl != null && !publicBaseUrl.isBlank()
                ? List.of(publicBaseUrl) : configured;
        for (String url : from) {
            try {
                URI uri = URI.create(url.strip());
                if (uri.getScheme() != null && uri.getHost() != null) {
                    origins.add(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                            + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
                }
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring the stream origin {}: not a URL", url);
            }
        }
        return Set.copyOf(origins);
    }

    private static Set<InetAddress> proxies(List<String> configured) {
        Set<InetAddress> proxies = new HashSet<>();
        for (String text : configured) {
            InetAddress address = StreamsPerClient.literal(text);
            if (address == null) {
                log.warn("Ignoring the trusted stream proxy {}: not an IP address", text);
            } else {
                proxies.add(address);
            }
        }
        return Set.copyOf(proxies);
    }

    /** The port it listens on, or -1 when it is not running (disabled, or the port was taken). */
    public int port() {
        ServerSocketChannel s = server;
        return running && s != null ? s.socket().getLocalPort() : -1;
    }

    public boolean isServing() {
        return port() > 0;
    }

    /**
     * The URL a page served to {@code scheme://host} should open for the office's stream here, or null when the
     * page should keep the servlet stream's path (server off, or the proxy already routes that path here).
     */
    public String publicUrl(String scheme, String host, String office) {
        String base = properties.streamPublicUrl();
        // Without a configured origin the pages stay on their own: guessing <host>:<stream-port> broke the
        // pages' Content-Security-Policy, and the server listens on loopback only unless told otherwise.
        if (!isServing() || base.isEmpty() || "same-origin".equals(base) || !office.matches("[a-z0-9-]{1,40}")) {
            return null;
        }
        return base.replaceAll("/+$", "") + "/api/v1/public/offices/" + office + "/status/stream";
    }

    /** Subscribers currently streaming. */
    public int subscribers() {
        return subscribers;
    }

    // ---- lifecycle

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(properties.streamAddress(), properties.streamPort()), 2048);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            // The application still works: the pages keep the servlet stream.
            log.warn("The lean status stream could not listen on {}:{} ({}); pages use the servlet stream",
                    properties.streamAddress(), properties.streamPort(), e.toString());
            closeQuietly(server);
            closeQuietly(selector);
            server = null;
            return;
        }
        running = true;
        nextHeartbeat = System.nanoTime() + live.heartbeat().toNanos();
        thread = new Thread(this::loop, "liveinfo-stream");
        thread.setDaemon(true);
        thread.start();
        log.info("Lean status stream listening on {}:{}", properties.streamAddress(), port());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lookups.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // ---- from other threads

    // Package-private so that tests can push frames of any size.
    void publish(LiveStatus.Snapshot snapshot) {
        if (!running) {
            return;
        }
        ByteBuffer frame = frame(snapshot);
        String office = snapshot.status().officeId();
        inbox.add(() -> deliver(office, frame));
        selector.wakeup();
    }

    static ByteBuffer frame(LiveStatus.Snapshot snapshot) {
        return ascii("id: " + snapshot.status().version() + "\nevent: status\ndata: " + snapshot.json() + "\n\n");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    // ---- the selector thread

    private void loop() {
        try {
            while (running) {
                selector.select(1000);
                Runnable task;
                while ((task = inbox.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            Conn c = (Conn) key.attachment();
                            if (key.isReadable()) {
                                read(c);
                            }
                            if (key.isValid() && key.isWritable()) {
                                flush(c);
                            }
                        }
                    } catch (RuntimeException e) {
                        // One connection's trouble (a key cancelled under us, say) must not stop the server.
                        log.debug("Closing a stream connection after {}", e.getClass().getSimpleName());
                        if (key.attachment() instanceof Conn c) {
                            close(c);
                        }
                    }
                }
                long now = System.nanoTime();
                if (now - nextHeartbeat >= 0) {
                    nextHeartbeat = now + live.heartbeat().toNanos();
                    heartbeatAndSweep(now);
                } else if (!reading.isEmpty()) {
                    sweepReading(now);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("The lean status stream stopped", e);
        } finally {
            running = false;
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            closeQuietly(selector);
            byOffice.clear();
            reading.clear();
            subscribers = 0;
            perClient.clear();
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        for (int i = 0; i < ACCEPT_BATCH && (ch = server.accept()) != null; i++) {
            if (reading.size() >= MAX_READING) {
                closeQuietly(ch);
                continue;
            }
            ch.configureBlocking(false);
            Conn c = new Conn(ch, System.nanoTime());
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            reading.add(c);
        }
    }

    private void read(Conn c) {
        try {
            if (c.head != null) {
                int n = c.channel.read(c.head);
                if (n < 0) {
                    close(c);
                } else {
                    parseHead(c);
                }
                return;
            }
            // A subscriber has nothing more to say; reading tells us when it goes away.
            scratch.clear();
            if (c.channel.read(scratch) < 0) {
                close(c);
            }
        } catch (IOException e) {
            close(c);
        }
    }

    private void parseHead(Conn c) {
        ByteBuffer buf = c.head;
        int end = headEnd(buf);
        if (end < 0) {
            if (!buf.hasRemaining()) {
                refuse(c, 400, "Bad Request", null);
            }
            return;
        }
        String head = new String(buf.array(), 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.") || requestLine[0].isEmpty()) {
            refuse(c, 400, "Bad Request", null);
            return;
        }
        String origin = null;
        String forwardedFor = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                refuse(c, 400, "Bad Request", null);
                return;
            }
            if (lines[i].regionMatches(true, 0, "origin", 0, colon) && colon == 6) {
                origin = lines[i].substring(colon + 1).strip();
            }
            if (lines[i].regionMatches(true, 0, "x-forwarded-for", 0, colon) && colon == 15) {
                forwardedFor = lines[i].substring(colon + 1).strip();
            }
        }
        String target = requestLine[1];
        int query = target.indexOf('?');
        Matcher m = PATH.matcher(query < 0 ? target : target.substring(0, query));
        if (!m.matches()) {
            refuse(c, 404, "Not Found", null);
            return;
        }
        if (!requestLine[0].equals("GET")) {
            refuse(c, 405, "Method Not Allowed", "Allow: GET\r\n");
            return;
        }
        if (subscribers >= live.maxSubscribers()) {
            refuse(c, 503, "Service Unavailable", "Retry-After: 30\r\n");
            return;
        }
        String office = m.group(1);
        c.head = null;
        c.origin = allowedOrigin(origin);
        c.client = client(c, forwardedFor);
        // A Last-Event-ID is ignored on purpose: every subscriber starts from the current snapshot.
        LiveStatus.Snapshot cached = status.cached(office);
        if (cached != null) {
            begin(c, office, cached);
            return;
        }
        // First viewer of an office (or no such office): the lookup may touch the database, so not here.
        c.key.interestOps(0);
        lookups.execute(() -> {
            LiveStatus.Snapshot snapshot;
            try {
                snapshot = status.isOffice(office) ? status.snapshot(office) : null;
            } catch (RuntimeException e) {
                log.warn("Could not look up the status of office {} for the stream: {}", office, e.toString());
                snapshot = null;
            }
            LiveStatus.Snapshot found = snapshot;
            inbox.add(() -> {
                if (!c.key.isValid()) {
                    return;
                }
                if (found == null) {
                    refuse(c, 404, "Not Found", null);
                } else {
                    c.key.interestOps(SelectionKey.OP_READ);
                    begin(c, office, found);
                }
            });
            selector.wakeup();
        });
    }

    static int headEnd(ByteBuffer buf) {
        byte[] a = buf.array();
        for (int i = 0; i < buf.position(); i++) {
            if (a[i] == '\n' && ((i >= 1 && a[i - 1] == '\n') || (i >= 3 && a[i - 1] == '\r' && a[i - 2] == '\n'))) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Who the per-client limit counts this connection against: its peer, or, when the peer is a trusted proxy,
     * the last address the proxy put in X-Forwarded-For (the earlier ones come from the client and prove nothing).
     */
    private String client(Conn c, String forwardedFor) {
        InetAddress peer;
        try {
            peer = ((InetSocketAddress) c.channel.getRemoteAddress()).getAddress();
        } catch (IOException | RuntimeException e) {
            return "";
        }
        if (forwardedFor != null && trustedProxies.contains(peer)) {
            String[] hops = forwardedFor.split(",");
            InetAddress forwarded = StreamsPerClient.literal(hops[hops.length - 1]);
            if (forwarded != null) {
                return StreamsPerClient.key(forwarded);
            }
        }
        return StreamsPerClient.key(peer);
    }

    private String allowedOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(o)) {
            return o;
        }
        // Nothing configured (development): pages on this machine may read it.
        if (allowedOrigins.isEmpty() && o.matches("https?://(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?")) {
            return o;
        }
        return null;
    }

    private void begin(Conn c, String office, LiveStatus.Snapshot snapshot) {
        reading.remove(c);
        if (subscribers >= live.maxSubscribers()) {
            refuse(c, 503, "Service Unavailable", "Retry-After: 30\r\n");
            return;
        }
        if (!perClient.tryOpen(c.client)) {
            refuse(c, 429, "Too Many Requests", "Retry-After: 30\r\n", "application/problem+json",
                    "{\"type\":\"https://madoguchi.org/problems/too-many-streams\",\"title\":\"Too Many Requests\","
                            + "\"status\":429,\"detail\":\"同じ接続元からの接続が多すぎます。しばらくしてから自動で再接続します。\","
                            + "\"code\":\"too-many-streams\"}");
            return;
        }
        // Counted: close() gives the client's stream back.
        c.office = office;
        byOffice.computeIfAbsent(office, o -> new HashSet<>()).add(c);
        subscribers++;
        ByteBuffer frame = latest.computeIfAbsent(office, o -> frame(snapshot));
        c.preamble = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                + "Cache-Control: no-cache, no-store\r\nX-Content-Type-Options: nosniff\r\nX-Accel-Buffering: no\r\n"
                + (c.origin == null ? "" : "Access-Control-Allow-Origin: " + c.origin + "\r\nVary: Origin\r\n")
                + "Connection: close\r\n\r\nretry: 5000\n\n");
        c.origin = null;
        c.pending = frame.duplicate();
        c.progressAt = System.nanoTime();
        flush(c);
    }

    private void deliver(String office, ByteBuffer frame) {
        latest.put(office, frame);
        Set<Conn> conns = byOffice.get(office);
        if (conns == null) {
            return;
        }
        for (Conn c : new ArrayList<>(conns)) {
            if (c.pending != null && c.pending.position() > 0) {
                // Half a frame is on the wire: finish it, then send the newest.
                c.behind = true;
            } else {
                c.pending = frame.duplicate();
                flush(c);
            }
        }
    }

    private void heartbeatAndSweep(long now) {
        long stalled = live.stalledAfter().toNanos();
        for (Set<Conn> conns : byOffice.values()) {
            for (Conn c : new ArrayList<>(conns)) {
                if (c.pending != null || c.preamble != null) {
                    if (now - c.progressAt > stalled) {
                        close(c);
                    }
                } else {
                    c.pending = PING.duplicate();
                    c.progressAt = now;
                    flush(c);
                }
            }
        }
        sweepReading(now);
    }

    private void sweepReading(long now) {
        for (Conn c : new ArrayList<>(reading)) {
            if (now - c.progressAt > HEAD_TIMEOUT_NANOS) {
                close(c);
            }
        }
    }

    /** Writes what the subscriber has pending as far as its socket takes it; OP_WRITE for the rest. */
    private void flush(Conn c) {
        try {
            boolean wrote = false;
            if (c.preamble != null) {
                wrote |= c.channel.write(c.preamble) > 0;
                if (c.preamble.hasRemaining()) {
                    waitForWrite(c, wrote);
                    return;
                }
                c.preamble = null;
            }
            while (c.pending != null) {
                wrote |= c.channel.write(c.pending) > 0;
                if (c.pending.hasRemaining()) {
                    waitForWrite(c, wrote);
                    return;
                }
                c.pending = null;
                if (c.behind) {
                    c.behind = false;
                    ByteBuffer newest = latest.get(c.office);
                    c.pending = newest == null ? null : newest.duplicate();
                }
            }
            c.progressAt = System.nanoTime();
            if (c.key.isValid()) {
                c.key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            close(c);
        }
    }

    private void waitForWrite(Conn c, boolean wrote) {
        if (wrote) {
            c.progressAt = System.nanoTime();
        }
        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    /**
     * A small error answer, then the connection closes. A newer frame never replaces a partial frame mid-way,
     * but an error goes out only before streaming starts, so there is nothing to mix it with.
     */
    private void refuse(Conn c, int code, String reason, String extraHeader) {
        refuse(c, code, reason, extraHeader, "text/plain", code + " " + reason + "\n");
    }

    private void refuse(Conn c, int code, String reason, String extraHeader, String contentType, String body) {
        ByteBuffer out = ascii("HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: " + contentType
                + "; charset=utf-8\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nX-Content-Type-Options: nosniff\r\n"
                + (extraHeader == null ? "" : extraHeader) + "Connection: close\r\n\r\n" + body);
        try {
            c.channel.write(out);
            c.channel.shutdownOutput();
        } catch (IOException ignored) {
            // It is going away anyway.
        }
        close(c);
    }

    private void close(Conn c) {
        reading.remove(c);
        if (c.office != null) {
            Set<Conn> conns = byOffice.get(c.office);
            if (conns != null && conns.remove(c)) {
                subscribers--;
                perClient.closed(c.client);
            }
            c.office = null;
        }
        c.pending = null;
        c.preamble = null;
        c.head = null;
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Nothing to do about it.
        }
    }

    /** One connection; touched only by the selector thread. */
    private static final class Conn {
        final SocketChannel channel;
        SelectionKey key;
        /** The request head while it arrives; dropped once the stream starts. */
        ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
        String origin;
        /** The key it counts against in the per-client limit. */
        String client;
        String office;
        /** The response head and retry hint, until written. */
        ByteBuffer preamble;
        /** At most one frame waiting: a view of the shared frame; a newer one replaces it. */
        ByteBuffer pending;
        /** A newer frame came while {@link #pending} was half written; send the newest after it. */
        boolean behind;
        /** When it last accepted bytes (or connected). */
        long progressAt;

        Conn(SocketChannel channel, long now) {
            this.channel = channel;
            this.progressAt = now;
        }
    }
}

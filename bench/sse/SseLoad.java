import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens many Server-Sent-Event connections to madoguchi's public status stream from one thread (non-blocking
 * NIO), then issues tickets one at a time and measures, for every subscriber, how long after the issue request
 * was sent the new status (a higher event id) arrived. JDK only: {@code java SseLoad.java --help}.
 */
public class SseLoad {

    static final Pattern ID = Pattern.compile("\nid: (\\d+)\n");

    static final class Conn {
        final SocketChannel channel;
        final StringBuilder tail = new StringBuilder();
        long lastId = -1;
        long seenAtNanos;
        boolean open = true;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8383;
        int streamPort = -1;
        String office = "honcho";
        int subscribers = 10_000;
        int updates = 10;
        // The first updates after start-up run cold (JIT, class loading); they are sent and shown but,
        // as in any benchmark's warm-up, not counted in the percentiles.
        int warmupUpdates = 2;
        String user = "admin";
        String password = System.getenv().getOrDefault("MADOGUCHI_ADMIN_PASSWORD", "");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--stream-port" -> streamPort = Integer.parseInt(args[++i]);
                case "--office" -> office = args[++i];
                case "--subscribers" -> subscribers = Integer.parseInt(args[++i]);
                case "--updates" -> updates = Integer.parseInt(args[++i]);
                case "--warmup-updates" -> warmupUpdates = Integer.parseInt(args[++i]);
                case "--help" -> {
                    System.out.println("java SseLoad.java [--port 8383] [--stream-port 8384 (the lean stream server; default: the servlet stream on --port)] [--office honcho] [--subscribers 10000] [--updates 10] [--warmup-updates 2]"
                            + " (MADOGUCHI_ADMIN_PASSWORD issues the tickets)");
                    return;
                }
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        String path = "/api/v1/public/offices/" + office + "/status/stream";
        int subscribeTo = streamPort > 0 ? streamPort : port;
        System.out.printf("subscribing on port %d (%s)%n", subscribeTo, streamPort > 0 ? "lean stream server" : "servlet stream");
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + subscribeTo
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        Selector selector = Selector.open();
        List<Conn> conns = new ArrayList<>();
        long start = System.nanoTime();
        // Connect in batches so the server's accept queue is not overrun.
        for (int i = 0; i < subscribers; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, subscribeTo));
            ch.write(ByteBuffer.wrap(request));
            ch.configureBlocking(false);
            Conn c = new Conn(ch);
            ch.register(selector, SelectionKey.OP_READ, c);
            conns.add(c);
            if (i % 500 == 499) {
                pump(selector, 0);
            }
        }
        System.out.printf("opened %d connections in %.1f s%n", conns.size(), (System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (conns.stream().anyMatch(c -> c.open && c.lastId < 0) && System.nanoTime() < deadline) {
            pump(selector, 100);
        }
        long ready = conns.stream().filter(c -> c.open && c.lastId >= 0).count();
        System.out.printf("%d subscribers received the initial status (%d closed)%n", ready,
                conns.stream().filter(c -> !c.open).count());

        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        List<Double> all = new ArrayList<>();
        long missed = 0;
        for (int u = 0; u < warmupUpdates + updates; u++) {
            boolean measured = u >= warmupUpdates;
            long before = conns.stream().filter(c -> c.open).mapToLong(c -> c.lastId).max().orElse(0);
            long sent = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
                            + "/api/v1/offices/" + office + "/tickets")).header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\",\"procedureIds\":[]}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("issuing a ticket failed: " + r.statusCode() + " " + r.body());
            }
            long until = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < until
                    && conns.stream().anyMatch(c -> c.open && c.lastId <= before)) {
                pump(selector, 20);
            }
            double[] lat = conns.stream().filter(c -> c.open && c.lastId > before)
                    .mapToDouble(c -> (c.seenAtNanos - sent) / 1e6).sorted().toArray();
            long late = conns.stream().filter(c -> c.open && c.lastId <= before).count();
            if (measured) {
                missed += late;
                for (double v : lat) {
                    all.add(v);
                }
            }
            System.out.printf((measured ? "" : "warm-up ") + "update %2d: delivered to %d, not within 10 s %d; p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    u + 1, lat.length, late, pct(lat, 50), pct(lat, 99), lat.length == 0 ? 0 : lat[lat.length - 1]);
            // Let the stream settle, and keep updates apart so that coalescing does not merge them.
            long pause = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < pause) {
                pump(selector, 50);
            }
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("SUMMARY subscribers=%d open=%d updates=%d deliveries=%d missed=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f%n",
                subscribers, conns.stream().filter(c -> c.open).count(), updates, sorted.length, missed,
                pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        for (Conn c : conns) {
            c.channel.close();
        }
    }

    static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static final ByteBuffer BUFFER = ByteBuffer.allocateDirect(64 * 1024);

    static void pump(Selector selector, long timeoutMs) throws IOException {
        if (timeoutMs == 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMs);
        }
        long now = System.nanoTime();
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            BUFFER.clear();
            int n;
            try {
                n = c.channel.read(BUFFER);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                c.open = false;
                key.cancel();
                continue;
            }
            BUFFER.flip();
            byte[] bytes = new byte[BUFFER.remaining()];
            BUFFER.get(bytes);
            c.tail.append(new String(bytes, StandardCharsets.UTF_8));
            Matcher m = ID.matcher(c.tail);
            int end = 0;
            while (m.find()) {
                long id = Long.parseLong(m.group(1));
                if (id > c.lastId) {
                    c.lastId = id;
                    c.seenAtNanos = now;
                }
                end = m.end();
            }
            // Keep only what may hold the start of the next id line.
            int keep = Math.max(end, c.tail.length() - 64);
            c.tail.delete(0, keep);
        }
    }
}

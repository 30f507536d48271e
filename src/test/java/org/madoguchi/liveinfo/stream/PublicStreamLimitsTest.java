package org.madoguchi.liveinfo.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;

/**
 * The public status stream allows each client address only a few streams, on the servlet stream and on the lean
 * stream server alike: one client cannot take the capacity meant for every resident. Clients are told apart by
 * connecting from different loopback addresses (127.0.0.1 and 127.0.0.2).
 */
class PublicStreamLimitsTest {

    private static final String PATH = "/api/v1/public/offices/honcho/status/stream";
    private static final String ONE = "127.0.0.1";
    private static final String OTHER = "127.0.0.2";
    private static TestApp app;
    private static LeanStreamServer lean;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of(
                "madoguchi.liveinfo.max-subscribers-per-client", "3",
                "madoguchi.liveinfo.heartbeat", "200ms"));
        lean = app.bean(LeanStreamServer.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        // The lean server notices closed sockets at once; its counts start from zero in the next test.
        long until = System.currentTimeMillis() + 5000;
        while (lean.subscribers() > 0 && System.currentTimeMillis() < until) {
            sleep(20);
        }
    }

    private Socket open(String from, int port, String extraHeaders) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(10000);
        sockets.add(s);
        s.getOutputStream().write(("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /** The response head and as much of the body as needed to see {@code until} (at most 10 s of it). */
    private static String readUntil(Socket s, String until) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        long deadline = System.currentTimeMillis() + 10000;
        // A stream sends pings for ever: the deadline ends the wait for something that does not come.
        while (!seen.toString().contains(until) && System.currentTimeMillis() < deadline) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    /** A stream that is open: 200 and the first status event. */
    private String streaming(String from, int port, String extraHeaders) throws IOException {
        String seen = readUntil(open(from, port, extraHeaders), "event: status");
        assertThat(seen).startsWith("HTTP/1.1 200").contains("text/event-stream").contains("event: status");
        return seen;
    }

    private void refusedAsTooMany(Socket s) throws IOException {
        String seen = readUntil(s, "too-many-streams");
        assertThat(seen).startsWith("HTTP/1.1 429").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"code\":\"too-many-streams\"").contains("同じ接続元からの接続が多すぎます");
    }

    @Test
    void theServletStreamRefusesAFourthStreamFromOneClientButNotAnotherClient() throws IOException {
        for (int i = 0; i < 3; i++) {
            streaming(ONE, app.port(), "");
        }
        refusedAsTooMany(open(ONE, app.port(), ""));
        streaming(OTHER, app.port(), "");

        // A client that closes a stream may open one again (the server notices at the next heartbeat).
        sockets.get(0).close();
        long until = System.currentTimeMillis() + 10000;
        while (true) {
            String seen = readUntil(open(ONE, app.port(), ""), "\r\n\r\n");
            if (seen.startsWith("HTTP/1.1 200")) {
                break;
            }
            assertThat(System.currentTimeMillis()).as("a closed stream is given back").isLessThan(until);
            sleep(200);
        }
    }

    @Test
    void theLeanStreamServerRefusesAFourthStreamFromOneClientButNotAnotherClient() throws IOException {
        assertThat(lean.isServing()).isTrue();
        for (int i = 0; i < 3; i++) {
            streaming(ONE, lean.port(), "");
        }
        refusedAsTooMany(open(ONE, lean.port(), ""));
        streaming(OTHER, lean.port(), "");
    }

    @Test
    void behindTheLocalProxyTheLeanServerCountsTheForwardedClient() throws IOException {
        // The reverse proxy connects from loopback (trusted by default) and names the visitor last.
        for (int i = 0; i < 3; i++) {
            streaming(ONE, lean.port(), "X-Forwarded-For: 10.9.9.9, 203.0.113.7\r\n");
        }
        refusedAsTooMany(open(ONE, lean.port(), "X-Forwarded-For: 198.51.100.1, 203.0.113.7\r\n"));
        streaming(ONE, lean.port(), "X-Forwarded-For: 203.0.113.8\r\n");
        // A peer that is not a trusted proxy cannot pick whom it is counted as.
        for (int i = 0; i < 3; i++) {
            streaming(OTHER, lean.port(), "X-Forwarded-For: 192.0.2." + i + "\r\n");
        }
        refusedAsTooMany(open(OTHER, lean.port(), "X-Forwarded-For: 192.0.2.99\r\n"));
    }

    @Test
    void ipv6ClientsCountPerSlash64() {
        assertThat(StreamsPerClient.key("2001:db8:1:2:aaaa::1")).isEqualTo(StreamsPerClient.key("2001:db8:1:2:bbbb::9"))
                .isNotEqualTo(StreamsPerClient.key("2001:db8:1:3::1"));
        assertThat(StreamsPerClient.key("203.0.113.7")).isEqualTo("203.0.113.7");
        // Only literals count as addresses: nothing is looked up in DNS.
        assertThat(StreamsPerClient.literal("example.org")).isNull();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

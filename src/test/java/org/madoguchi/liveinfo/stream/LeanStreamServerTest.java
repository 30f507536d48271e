package org.madoguchi.liveinfo.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.liveinfo.LiveStatus;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;

/** The lean status stream over raw sockets, on its own application instance and a random port. */
class LeanStreamServerTest {

    private static final Actor MANAGER = Actor.staff(8201, Actor.Role.MANAGER, Set.of());
    private static final String PATH = "/api/v1/public/offices/honcho/status/stream";
    private static final Pattern ID = Pattern.compile("id: (\\d+)\nevent: status\n");
    private static TestApp app;
    private static LeanStreamServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of(
                "madoguchi.liveinfo.stream-port", "0",
                "madoguchi.liveinfo.heartbeat", "200ms",
                "madoguchi.liveinfo.stalled-after", "1s",
                "madoguchi.liveinfo.coalesce", "50ms",
                "madoguchi.liveinfo.max-subscribers", "3",
                "madoguchi.liveinfo.stream-public-url", "https://live.example.jp/"));
        server = app.bean(LeanStreamServer.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void idle() {
        app.resetReception();
        await(() -> server.subscribers() == 0, 5000);
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    private Socket subscribe(String extraHeaders) throws IOException {
        Socket s = connect(0);
        send(s, "GET " + PATH + " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n" + extraHeaders + "\r\n");
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads until the text so far matches, or fails after the socket's timeout. */
    private static String readUntil(Socket s, StringBuilder seen, Pattern until) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        while (true) {
            Matcher m = until.matcher(seen);
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("closed before " + until + " in: " + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }

    /** Everything the server sends until it closes the connection. */
    private static String readAll(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, long millis) {
        long until = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aSubscriberGetsTheCurrentStatusAndThenTheNextOne() throws IOException {
        Socket s = subscribe("Origin: http://localhost:8080\r\nLast-Event-ID: 999999\r\n");
        StringBuilder seen = new StringBuilder();
        long first = Long.parseLong(readUntil(s, seen, ID));
        String head = seen.substring(0, seen.indexOf("\r\n\r\n"));
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("Content-Type: text/event-stream", "Cache-Control: no-cache",
                        "X-Content-Type-Options: nosniff", "Access-Control-Allow-Origin: http://localhost:8080");
        // A Last-Event-ID does not skip anything: the current snapshot comes first, whatever the id.
        assertThat(first).isLessThan(999999);
        assertThat(seen).contains("\"officeId\":\"honcho\"");

        app.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                List.of(new ItineraryStep("koseki-jumin", List.of())), null, null, null), MANAGER);
        seen.setLength(0);
        long next;
        do {
            next = Long.parseLong(readUntil(s, seen, ID));
            seen.delete(0, seen.indexOf("event: status") + 1);
        } while (next <= first);
        assertThat(next).isGreaterThan(first);
    }

    @Test
    void anOriginThatIsNotAllowedGetsNoCorsHeader() throws IOException {
        Socket s = subscribe("Origin: https://evil.example\r\n");
        StringBuilder seen = new StringBuilder();
        readUntil(s, seen, ID);
        assertThat(seen.substring(0, seen.indexOf("\r\n\r\n"))).doesNotContain("Access-Control-Allow-Origin");
    }

    @Test
    void badRequestsGetTheirStatusAndTheConnectionCloses() throws IOException {
        Socket oversized = connect(0);
        send(oversized, "GET " + PATH + " HTTP/1.1\r\nX-Padding: " + "a".repeat(5000) + "\r\n\r\n");
        assertThat(readAll(oversized)).startsWith("HTTP/1.1 400 ");

        Socket garbage = connect(0);
        send(garbage, "HELLO\r\n\r\n");
        assertThat(readAll(garbage)).startsWith("HTTP/1.1 400 ");

        Socket post = connect(0);
        send(post, "POST " + PATH + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(readAll(post)).startsWith("HTTP/1.1 405 ").contains("Allow: GET");

        Socket otherPath = connect(0);
        send(otherPath, "GET /api/v1/public/offices/honcho/status HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(readAll(otherPath)).startsWith("HTTP/1.1 404 ");

        Socket unknownOffice = connect(0);
        send(unknownOffice, "GET /api/v1/public/offices/nowhere/status/stream HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(readAll(unknownOffice)).startsWith("HTTP/1.1 404 ");
        assertThat(server.subscribers()).isZero();
    }

    @Test
    void aStalledSubscriberDoesNotHoldUpOthersAndIsDropped() throws IOException {
        Socket stalled = connect(1024);
        send(stalled, "GET " + PATH + " HTTP/1.1\r\nHost: x\r\n\r\n");
        Socket healthy = subscribe("");
        StringBuilder seen = new StringBuilder();
        readUntil(healthy, seen, ID);
        await(() -> server.subscribers() == 2, 5000);

        // Frames far bigger than the stalled client's socket buffers: it soon accepts nothing more.
        LiveStatus.Snapshot current = app.bean(LiveStatus.class).snapshot("honcho");
        String pad = "x".repeat(512 * 1024);
        for (int n = 1; n <= 8; n++) {
            long sent = System.nanoTime();
            server.publish(new LiveStatus.Snapshot(current.status(), "{\"pad\":\"" + pad + "\",\"n\":" + n + "}"));
            readUntil(healthy, seen, Pattern.compile("\"n\":" + n + "}"));
            seen.setLength(0);
            assertThat((System.nanoTime() - sent) / 1_000_000).as("frame %d to the healthy subscriber", n)
                    .isLessThan(2000);
        }
        // Dropped after stalled-after (1 s) without progress; the healthy one stays.
        await(() -> server.subscribers() == 1, 5000);
        stalled.setSoTimeout(10000);
        assertThat(drainsToEnd(stalled)).isTrue();
        // The healthy subscriber keeps getting its heartbeat.
        readUntil(healthy, seen, Pattern.compile("event: ping\n"));
    }

    /** True when the server has closed the connection (after what was already in flight). */
    private static boolean drainsToEnd(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            while (in.read(buf) >= 0) {
                // Skip the part of the frames that was already in the socket buffers.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void overTheCapASubscriberGets503() throws IOException {
        for (int i = 0; i < 3; i++) {
            readUntil(subscribe(""), new StringBuilder(), ID);
        }
        await(() -> server.subscribers() == 3, 5000);
        Socket fourth = subscribe("");
        assertThat(readAll(fourth)).startsWith("HTTP/1.1 503 ").contains("Retry-After: 30");
        assertThat(server.subscribers()).isEqualTo(3);
    }

    @Test
    void pagesGetTheConfiguredLeanStreamUrlAndMayConnectToIt() {
        assertThat(server.publicUrl("http", "localhost", "honcho")).isEqualTo("https://live.example.jp" + PATH);
        assertThat(server.publicUrl("http", "localhost", "../x")).isNull();
        Http.Response page = new Http(app).get("/live/honcho");
        assertThat(page.body()).contains("data-stream-lean=\"https://live.example.jp" + PATH + "\"");
        assertThat(page.header("Content-Security-Policy")).contains("connect-src 'self' https://live.example.jp;");
    }
}

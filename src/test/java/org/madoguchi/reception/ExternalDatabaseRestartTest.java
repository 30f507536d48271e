package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.database.EmbeddedDatabase;
import org.madoguchi.platform.database.EmbeddedDatabaseConfiguration;
import org.madoguchi.platform.database.EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties;

/**
 * The application runs against an "external" PostgreSQL (spring.datasource.url set: no embedded server and no
 * watchdog), which its operator restarts twice under it: once with a fast shutdown, once killed outright. Each
 * time the application must report the outage at once, answer 503 meanwhile, and then work again by itself: its
 * pool reconnects, issuing works, the listening connection subscribes again, open streams are told to reload and
 * carry new events, and a stream that reconnects with Last-Event-ID receives what was committed while it was away.
 */
class ExternalDatabaseRestartTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theApplicationRecoversByItselfWhenItsExternalDatabaseRestarts(@TempDir Path dir) throws Exception {
        // Durable like a real server: with synchronous_commit off a killed server forgets the last acknowledged
        // commits (and numbering would rightly start again below them).
        EmbeddedDatabaseProperties server = new EmbeddedDatabaseProperties(dir.resolve("pg").toString(), freePort(),
                true, 40);
        EmbeddedDatabase database = EmbeddedDatabaseConfiguration.start(server);
        TestApp app = null;
        try {
            app = TestApp.start(Map.of("spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", database.username(),
                    "spring.datasource.password", database.password()));
            Http http = new Http(app);
            Http kiosk = http.bearer(app.device("KIOSK", "honcho"));
            String display = app.device("DISPLAY", "honcho");

            List<Integer> notified = new CopyOnWriteArrayList<>();
            AtomicInteger resyncs = new AtomicInteger();
            app.bean(ReceptionEvents.class).subscribe(
                    events -> events.forEach(e -> notified.add(e.number())), resyncs::incrementAndGet);
            // Open throughout: a board's stream of office events, and a resident's public status stream.
            Lines board = subscribe(app, "/api/v1/offices/honcho/events", display, null);
            Lines resident = subscribe(app, "/api/v1/public/offices/honcho/status/stream", null, null);
            board.await(l -> l.equals("event:hello"));
            resident.await(l -> l.startsWith("data:") && l.contains("\"updatesPaused\":false"));

            for (boolean kill : new boolean[] {false, true}) {
                // A console that leaves before the restart, knowing the last event it saw.
                Lines away = subscribe(app, "/api/v1/offices/honcho/events", display, null);
                away.await(l -> l.equals("event:hello"));
                int before = issue(kiosk);
                away.await(l -> l.contains("\"type\":\"QUEUED\"") && l.contains("\"number\":" + before + ","));
                String lastSeen = away.lines.stream().filter(l -> l.startsWith("id:")).reduce((a, b) -> b).orElseThrow()
                        .substring(3).trim();
                away.close();
                int boardLines = board.size();
                int residentLines = resident.size();
                int resyncsBefore = resyncs.get();

                long stopped;
                if (kill) {
                    ProcessHandle postmaster = ProcessHandle.of(database.postmasterPid().orElseThrow()).orElseThrow();
                    postmaster.destroyForcibly();
                    postmaster.onExit().get(10, TimeUnit.SECONDS);
                    stopped = System.nanoTime();
                    // Only releases the library's hold on the data directory: the server is gone already.
                    database.close();
                } else {
                    // pg_ctl stop -m fast: the operator's planned restart.
                    database.close();
                    stopped = System.nanoTime();
                }

                Http.Response health = awaitHealth(http, 503, 10_000);
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.body()).contains("DOWN");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)).as("noticed within")
                        .isLessThan(5_000);
                Http.Response refused = issueRequest(kiosk);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat(refused.json().path("code").asString()).isEqualTo("database-unavailable");
                // Open streams stay, and say that nothing moves for now.
                board.await(l -> l.equals("event:paused"), boardLines);
                resident.await(l -> l.startsWith("data:") && l.contains("\"updatesPaused\":true"), residentLines);

                database = EmbeddedDatabaseConfiguration.start(server);
                long started = System.nanoTime();
                assertThat(awaitHealth(http, 200, 20_000).status()).isEqualTo(200);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("back within")
                        .isLessThan(10_000);

                // Nothing done by hand: the first ticket after the restart is issued, numbering continues.
                int after = issue(kiosk);
                assertThat(after).isGreaterThan(before);
                board.await(l -> l.equals("event:resync"), boardLines);
                board.await(l -> l.contains("\"type\":\"ISSUED\"") && l.contains("\"number\":" + after + ","), boardLines);
                resident.await(l -> l.startsWith("data:") && l.contains("\"updatesPaused\":false")
                        && l.contains("\"waiting\":"), residentLines);
                awaitTrue(() -> notified.contains(after));
                // The catch-up after re-listening delivers the missed events first and signals the resync after.
                awaitTrue(() -> resyncs.get() > resyncsBefore);

                Lines back = subscribe(app, "/api/v1/offices/honcho/events", display, lastSeen);
                back.await(l -> l.contains("\"type\":\"ISSUED\"") && l.contains("\"number\":" + after + ","));
                assertThat(back.lines).noneMatch(l -> l.contains("\"number\":" + before + ","));
                back.close();
            }
            board.close();
            resident.close();
        } finally {
            if (app != null) {
                app.close();
            }
            database.close();
        }
    }

    private static int issue(Http kiosk) {
        Http.Response response = issueRequest(kiosk);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("number").asInt();
    }

    private static Http.Response issueRequest(Http kiosk) {
        return kiosk.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/offices/honcho/tickets",
                Http.json(Map.of("itinerary", List.of(Map.of("departmentId", "koseki-jumin", "procedureIds", List.of())))));
    }

    /** The lines of one Server-Sent Events stream as they arrive. */
    private final class Lines {
        final List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> response;

        int size() {
            return lines.size();
        }

        String await(Predicate<String> wanted) throws InterruptedException {
            return await(wanted, 0);
        }

        /** The first line from index {@code from} on that matches, waiting for it up to 15 seconds. */
        String await(Predicate<String> wanted, int from) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                List<String> seen = List.copyOf(lines);
                for (int i = from; i < seen.size(); i++) {
                    if (wanted.test(seen.get(i))) {
                        return seen.get(i);
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no such line after " + from + " in " + lines);
        }

        void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    private Lines subscribe(TestApp app, String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        Lines lines = new Lines();
        lines.response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        lines.response.thenAccept(r -> new Thread(() -> {
            try {
                r.body().forEach(lines.lines::add);
            } catch (RuntimeException closed) {
                // The test closed the stream.
            }
        }).start());
        return lines;
    }

    private static Http.Response awaitHealth(Http http, int status, long millis) throws InterruptedException {
        return DatabaseCrashRecoveryTest.awaitResponse(() -> http.get("/actuator/health"), r -> r.status() == status, millis);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

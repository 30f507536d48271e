package org.madoguchi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.database.EmbeddedDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import tools.jackson.databind.JsonNode;

/**
 * Stopping the application (what SIGTERM does: the context closes) lets what is under way finish: a counter's
 * request held in its transaction completes with success, a scheduled job running at that moment finishes with the
 * database still there, while new connections are refused and no job starts any more. Live streams, which never
 * end by themselves, are ended at once instead of holding shutdown for the whole per-phase timeout.
 */
class GracefulShutdownTest {

    private static final String OFFICE = "akatsuka";
    private static final String COUNTER = "akatsuka-3";

    @Test
    void inFlightWorkFinishesNewRequestsAreRefusedAndStreamsEndAtOnce() throws Exception {
        TestApp app = TestApp.start(Map.of());
        Http admin = new Http(app).admin();
        HttpClient client = HttpClient.newHttpClient();
        JsonNode ticket = admin.post("/api/v1/offices/" + OFFICE + "/tickets", Http.json(Map.of("itinerary",
                List.of(Map.of("departmentId", "akatsuka-madoguchi"))))).json();
        assertThat(admin.post("/api/v1/counters/" + COUNTER + "/open", null).status()).isEqualTo(200);
        JsonNode called = admin.post("/api/v1/counters/" + COUNTER + "/call-next", null).json();
        assertThat(called.path("status").asString()).isEqualTo("CALLED");
        String staffToken = admin.post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "shutdown")))
                .json().path("token").asString();
        HttpResponse<InputStream> publicStream = stream(client, app.url("/api/v1/public/offices/" + OFFICE
                + "/status/stream"), null);
        HttpResponse<InputStream> officeStream = stream(client, app.url("/api/v1/offices/" + OFFICE + "/events"),
                "Bearer " + staffToken);
        CompletableFuture<Long> publicEnded = endOf(publicStream);
        CompletableFuture<Long> officeEnded = endOf(officeStream);

        EmbeddedDatabase database = TestApp.database();
        try (Connection holder = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password())) {
            // A counter's request stuck in its transaction: completing the visit waits for the ticket's row lock.
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT id FROM reception.ticket WHERE id = ?::uuid FOR UPDATE")) {
                lock.setString(1, ticket.path("id").asString());
                lock.executeQuery().close();
            }
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                            URI.create(app.url("/api/v1/visits/" + called.path("id").asLong() + "/complete")))
                    .header("Authorization", "Bearer " + staffToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitLockWait(holder);

            // A scheduled job under way when shutdown begins (like a backup or a purge): it needs the database later.
            ThreadPoolTaskScheduler scheduler = app.bean(ThreadPoolTaskScheduler.class);
            JdbcClient jdbc = app.jdbc();
            CompletableFuture<Integer> job = new CompletableFuture<>();
            scheduler.schedule(() -> {
                try {
                    Thread.sleep(1500);
                    job.complete(jdbc.sql("SELECT 1").query(Integer.class).single());
                } catch (Throwable e) {
                    job.completeExceptionally(e);
                }
            }, java.time.Instant.now());
            CompletableFuture<Boolean> lateJob = new CompletableFuture<>();
            scheduler.schedule(() -> lateJob.complete(true), java.time.Instant.now().plusSeconds(2));
            Thread.sleep(200);

            long shutdownStarted = System.nanoTime();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);

            assertThat(awaitRefused(app.url("/api/v1/offices"))).as("new connections are refused").isTrue();
            long publicEndedAt = publicEnded.get(5, TimeUnit.SECONDS);
            long officeEndedAt = officeEnded.get(5, TimeUnit.SECONDS);
            assertThat(inFlight).as("the held request is still waiting, not cut off").isNotDone();
            assertThat(closed).as("shutdown waits for it").isNotDone();
            Thread.sleep(500);
            holder.commit();

            HttpResponse<String> completed = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
            assertThat(completed.body()).contains("\"status\":\"COMPLETED\"");
            closed.get(30, TimeUnit.SECONDS);
            long shutdownTook = System.nanoTime() - shutdownStarted;
            assertThat(Duration.ofNanos(publicEndedAt - shutdownStarted)).as("public stream ended at once")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(officeEndedAt - shutdownStarted)).as("office stream ended at once")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(shutdownTook)).as("no phase ran into its 10 s timeout")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(job.get(1, TimeUnit.SECONDS)).as("the running job finished with the database").isEqualTo(1);
            assertThat(lateJob).as("no job starts once shutdown has begun").isNotDone();

            try (PreparedStatement visit = holder.prepareStatement("SELECT status FROM reception.visit WHERE id = ?")) {
                visit.setLong(1, called.path("id").asLong());
                try (ResultSet row = visit.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("COMPLETED");
                }
            }
        } finally {
            try (Connection cleanup = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                    database.password())) {
                cleanup.createStatement().executeUpdate("UPDATE reception.counter SET open_staff_id = NULL, "
                        + "opened_at = NULL WHERE id = '" + COUNTER + "'");
            }
        }
    }

    private static HttpResponse<InputStream> stream(HttpClient client, String url, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response;
    }

    /** Reads the stream to its end; completes with the time it ended (nanoTime). */
    private static CompletableFuture<Long> endOf(HttpResponse<InputStream> stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ended) {
                // A reset connection is an end as well.
            }
            return System.nanoTime();
        });
    }

    private static void awaitLockWait(Connection holder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (ResultSet waiting = holder.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
                waiting.next();
                if (waiting.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the request never waited for the ticket's lock");
    }

    /**
     * True once a new request cannot get through: its connection is refused (or reset), or it is answered 503. Each
     * try is a new client, hence a new connection, as a new visitor's would be.
     */
    private static boolean awaitRefused(String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 503) {
                    return true;
                }
            } catch (HttpTimeoutException slow) {
                // Neither served nor refused: try again.
            } catch (IOException refused) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}

package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;

/**
 * The embedded PostgreSQL's postmaster is killed (SIGKILL) under the running application, as the OOM killer would.
 * The application must say so at once (health DOWN, 503 problem+json, a waiting page) and then work again by
 * itself, with every acknowledged ticket kept, numbering continued and live notifications flowing again.
 */
class DatabaseCrashRecoveryTest {

    private static final Actor STAFF = Actor.staff(6201, Actor.Role.MANAGER, Set.of());

    @Test
    void theFloorRecoversByItselfFromAKilledDatabase(@TempDir Path dir) throws Exception {
        TestApp app = TestApp.start(Map.of(
                "madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.embedded-db.durable", "true",
                "madoguchi.admin.password-file", dir.resolve("pw.txt").toString(),
                // The restart itself takes about half a second: held open here so the outage can be observed.
                "madoguchi.embedded-db.restart-delay", "PT3S"));
        try {
            ReceptionService reception = app.bean(ReceptionService.class);
            List<Integer> seenNumbers = new CopyOnWriteArrayList<>();
            AtomicInteger resyncs = new AtomicInteger();
            app.bean(ReceptionEvents.class).subscribe(
                    events -> events.forEach(e -> seenNumbers.add(e.number())), resyncs::incrementAndGet);
            reception.openCounter("honcho-1", STAFF);
            List<Integer> acknowledged = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                acknowledged.add(issue(reception));
            }
            reception.complete(reception.callNext("honcho-1", STAFF).orElseThrow().id(), STAFF);
            Http http = new Http(app);
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);

            long pid = postmasterPid(dir);
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            postmaster.destroyForcibly();
            postmaster.onExit().get(10, TimeUnit.SECONDS);
            // Counted from the moment the server is gone: how long SIGKILL takes to land is the kernel's business.
            long killed = System.nanoTime();

            Http.Response health = awaitResponse(() -> http.get("/actuator/health"), r -> r.status() == 503, 2_000);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body()).contains("DOWN");
            assertThat(millisSince(killed)).isLessThan(2_000);

            long asked = System.nanoTime();
            Http.Response api = http.get("/api/v1/offices/honcho/summary");
            assertThat(millisSince(asked)).isLessThan(3_000);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.contentType()).startsWith("application/problem+json");
            assertThat(api.header("Retry-After")).isNotBlank();
            assertThat(api.json().path("code").asString()).isEqualTo("database-unavailable");
            assertThat(api.json().path("detail").asString()).isEqualTo("データベースに接続できません。しばらくお待ちください。");

            Http.Response page = http.get("/login");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("しばらくお待ちください");

            // Back on its own: no restart of the application, nothing done by hand.
            int next = awaitIssue(reception, 30_000);
            assertThat(postmasterPid(dir)).isNotEqualTo(pid);
            assertThat(awaitResponse(() -> http.get("/actuator/health"), r -> r.status() == 200, 10_000).status())
                    .isEqualTo(200);
            assertThat(awaitResponse(() -> http.get("/api/v1/offices/honcho/summary"), r -> r.status() == 200, 10_000)
                    .status()).isEqualTo(200);

            List<Integer> stored = app.jdbc().sql("SELECT number FROM reception.ticket ORDER BY number")
                    .query(Integer.class).list();
            assertThat(stored).containsAll(acknowledged);
            assertThat(acknowledged).doesNotContain(next);
            assertThat(next).isGreaterThan(acknowledged.stream().mapToInt(Integer::intValue).max().orElseThrow());
            assertThat(reception.callNext("honcho-1", STAFF)).isPresent();

            // The LISTEN connection is back: subscribers were told to reload, and new commits reach them again. It
            // reconnects on its own back-off (at most 2 s), which may end after the pool already serves requests.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (resyncs.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(resyncs.get()).isPositive();
            int after = issue(reception);
            while (!seenNumbers.contains(after) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(seenNumbers).contains(after);
        } finally {
            app.close();
        }
    }

    /** Before (or without) the watchdog noticing, a request that cannot get a connection is a 503 too, not a 500. */
    @Test
    void aRequestThatCannotReachTheDatabaseIsA503(@TempDir Path dir) throws Exception {
        TestApp app = TestApp.start(Map.of(
                "madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.admin.password-file", dir.resolve("pw.txt").toString(),
                "madoguchi.embedded-db.watchdog-interval", "PT1H",
                "madoguchi.database.probe-interval", "PT1H"));
        try {
            Http http = new Http(app);
            assertThat(http.get("/api/v1/offices/honcho/summary").status()).isEqualTo(200);
            ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dir)).orElseThrow();
            postmaster.destroyForcibly();
            postmaster.onExit().get(10, TimeUnit.SECONDS);

            long asked = System.nanoTime();
            Http.Response api = http.get("/api/v1/offices/honcho/summary");
            assertThat(millisSince(asked)).isLessThan(6_000);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.header("Retry-After")).isNotBlank();
            assertThat(api.json().path("code").asString()).isEqualTo("database-unavailable");
        } finally {
            app.close();
        }
    }

    private static long postmasterPid(Path dir) throws Exception {
        return Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Asks again every 50 ms until the answer is the one wanted or the time is up; returns the last answer. */
    static Http.Response awaitResponse(Supplier<Http.Response> request,
            java.util.function.Predicate<Http.Response> done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Http.Response last = request.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = request.get();
        }
        return last;
    }

    private static int awaitIssue(ReceptionService reception, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            try {
                return issue(reception);
            } catch (RuntimeException stillDown) {
                if (System.nanoTime() > deadline) {
                    throw stillDown;
                }
                Thread.sleep(200);
            }
        }
    }

    private static int issue(ReceptionService reception) {
        return reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), STAFF).ticket().number();
    }
}

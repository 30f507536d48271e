package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.database.EmbeddedDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The short chaos run (bench/chaos.sh is the long one): a small steady mix of issue / call-next / complete through
 * the REST API and two boards on the office's event stream, while the application's connections are terminated,
 * its connection pool is exhausted, and its PostgreSQL's postmaster is killed (the watchdog starts it again). After
 * each fault the floor must work again by itself; afterwards nothing acknowledged may be missing from the database,
 * no number reused, no visit called twice, every answer in between a 503 (or none), and each board must have
 * received exactly the event log, without gap or duplicate, also across a reconnection with Last-Event-ID.
 */
class ChaosShortTest {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    private final AtomicBoolean stop = new AtomicBoolean();
    /** The boards read on after the load has stopped, until they have caught up. */
    private final AtomicBoolean boardsStop = new AtomicBoolean();
    private final AtomicLong lastAck = new AtomicLong();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> ackTickets = new ConcurrentHashMap<>();
    private final List<Long> ackCalls = new CopyOnWriteArrayList<>();
    private final List<Long> ackCompletes = new CopyOnWriteArrayList<>();

    @Test
    void nothingAcknowledgedIsLostAndEveryStreamCatchesUp(@TempDir Path dir) throws Exception {
        TestApp app = TestApp.start(Map.of(
                "madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.embedded-db.durable", "true",
                // Small, so that a burst exhausts it.
                "madoguchi.embedded-db.pool-size", "8",
                "madoguchi.admin.password-file", dir.resolve("pw.txt").toString()));
        List<Thread> threads = new ArrayList<>();
        List<Board> boards = new ArrayList<>();
        try {
            EmbeddedDatabase database = app.bean(EmbeddedDatabase.class);
            Http http = new Http(app);
            String staffToken = http.admin().post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "chaos")))
                    .json().path("token").asString();
            Http staff = http.bearer(staffToken);
            Http kiosk = http.bearer(app.device("KIOSK", "honcho"));
            for (int i = 0; i < 2; i++) {
                Board board = new Board(app, app.device("DISPLAY", "honcho"));
                boards.add(board);
                threads.add(board.start());
            }
            threads.add(worker(kiosk, staff, "honcho-1", "koseki-jumin"));
            threads.add(worker(kiosk, staff, "honcho-11", "kokuho-nenkin"));
            awaitTrue("the load runs", () -> ackCompletes.size() >= 3);

            // 1. Every connection of the application is terminated (the listening one included).
            long fault = System.nanoTime();
            try (Connection c = connect(database); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = current_user "
                        + "AND pid <> pg_backend_pid()");
            }
            awaitRecovery(http, fault);

            // 2. The pool is exhausted: issuing waits behind a held lock, a burst of kiosks piles up behind it.
            fault = System.nanoTime();
            ExecutorService burst = Executors.newFixedThreadPool(16);
            try (Connection c = connect(database); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("LOCK TABLE reception.ticket_number IN EXCLUSIVE MODE");
                for (int i = 0; i < 16; i++) {
                    burst.execute(() -> {
                        String key = UUID.randomUUID().toString();
                        long until = System.nanoTime() + RECOVERY.toNanos();
                        while (issue(kiosk, key, "kosodate") == null && System.nanoTime() < until && !stop.get()) {
                            sleep(200);
                        }
                    });
                }
                HikariPoolMXBean pool = app.bean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean();
                awaitTrue("the pool is used up", () -> pool.getActiveConnections() >= 8
                        && pool.getThreadsAwaitingConnection() > 0);
                // Held a little longer: requests waiting for a connection meet the pool's timeout meanwhile.
                Thread.sleep(3000);
                c.commit();
            }
            burst.shutdown();
            assertThat(burst.awaitTermination(RECOVERY.toSeconds() + 10, TimeUnit.SECONDS)).isTrue();
            awaitRecovery(http, fault);

            // 3. The postmaster is killed; one board loses its connection meanwhile and comes back with Last-Event-ID.
            fault = System.nanoTime();
            ProcessHandle postmaster = ProcessHandle.of(database.postmasterPid().orElseThrow()).orElseThrow();
            postmaster.destroyForcibly();
            postmaster.onExit().get(10, TimeUnit.SECONDS);
            boards.get(1).reconnect();
            awaitRecovery(http, fault);
            boards.get(0).reconnect();
            int completedBefore = ackCompletes.size();
            awaitTrue("work after the reconnection", () -> ackCompletes.size() >= completedBefore + 3);

            stop.set(true);
            for (Thread t : threads.subList(boards.size(), threads.size())) {
                t.join(RECOVERY.toMillis());
            }
            long end = single(app, "SELECT coalesce(max(position), 0) FROM reception.event WHERE office_id = 'honcho'");
            for (Board board : boards) {
                awaitTrue("a board caught up to " + end, () -> board.last.get() == end);
            }

            assertThat(unexpected).as("answers other than 503 during the faults").isEmpty();
            assertNothingLost(app);
            for (Board board : boards) {
                assertThat(board.outOfOrder.sum()).as("repeated or out of order").isZero();
                List<Long> received = List.copyOf(board.received);
                assertThat(received).doesNotHaveDuplicates().isSorted();
                List<Long> log = app.jdbc().sql("""
                                SELECT position FROM reception.event WHERE office_id = 'honcho'
                                AND position BETWEEN :first AND :end ORDER BY position""")
                        .param("first", received.get(0)).param("end", end).query(Long.class).list();
                assertThat(received).as("exactly the event log").isEqualTo(log);
            }
            assertThat(boards.get(1).connections.sum()).as("reconnected with Last-Event-ID").isGreaterThanOrEqualTo(2);
        } finally {
            stop.set(true);
            boardsStop.set(true);
            boards.forEach(Board::close);
            app.close();
        }
    }

    private void assertNothingLost(TestApp app) {
        Map<String, Integer> stored = new HashMap<>();
        app.jdbc().sql("SELECT id::text, number FROM reception.ticket").query((rs, n) -> stored.put(rs.getString(1),
                rs.getInt(2))).list();
        ackTickets.forEach((id, number) -> assertThat(stored.get(id)).as("ticket " + number).isEqualTo(number));
        assertThat(single(app, "SELECT count(*) FROM (SELECT 1 FROM reception.ticket GROUP BY office_id, service_date, "
                + "number HAVING count(*) > 1) d")).as("numbers given twice").isZero();
        assertThat(new HashSet<>(ackTickets.values())).as("acknowledged numbers").hasSize(ackTickets.size());

        Set<Long> called = new HashSet<>(app.jdbc().sql("SELECT visit_id FROM reception.event WHERE type = 'CALLED'")
                .query(Long.class).list());
        assertThat(called).as("acknowledged calls").containsAll(ackCalls);
        assertThat(ackCalls).doesNotHaveDuplicates();
        assertThat(single(app, "SELECT count(*) FROM (SELECT visit_id FROM reception.event WHERE type = 'CALLED' "
                + "GROUP BY visit_id HAVING count(*) > 1) d")).as("visits called twice").isZero();
        Set<Long> completed = new HashSet<>(app.jdbc().sql("""
                        SELECT v.id FROM reception.visit v WHERE v.status = 'COMPLETED'
                        AND EXISTS (SELECT 1 FROM reception.event e WHERE e.visit_id = v.id AND e.type = 'COMPLETED')""")
                .query(Long.class).list());
        assertThat(completed).as("acknowledged completions").containsAll(ackCompletes);
    }

    // ------------------------------------------------------------------ the steady mix

    private Thread worker(Http kiosk, Http staff, String counter, String department) {
        assertThat(staff.post("/api/v1/counters/" + counter + "/open", null).status()).isEqualTo(200);
        Thread thread = new Thread(() -> {
            while (!stop.get()) {
                String key = UUID.randomUUID().toString();
                while (issue(kiosk, key, department) == null) {
                    if (stop.get()) {
                        return;
                    }
                    sleep(200);
                }
                Long visit = call(staff, counter);
                if (visit != null) {
                    complete(staff, visit);
                }
                sleep(30);
            }
        }, "chaos-" + counter);
        thread.start();
        return thread;
    }

    private Integer issue(Http kiosk, String key, String department) {
        Http.Response r = send(() -> kiosk.header("Idempotency-Key", key).post("/api/v1/offices/honcho/tickets",
                Http.json(Map.of("itinerary", List.of(Map.of("departmentId", department, "procedureIds", List.of()))))));
        if (r != null && (r.status() == 201 || r.status() == 200)) {
            JsonNode ticket = r.json();
            ackTickets.put(ticket.path("id").asString(), ticket.path("number").asInt());
            lastAck.set(System.nanoTime());
            return ticket.path("number").asInt();
        }
        transientOnly("issue", r);
        return null;
    }

    private Long call(Http staff, String counter) {
        boolean uncertain = false;
        while (!stop.get()) {
            if (uncertain) {
                Http.Response state = send(() -> staff.get("/api/v1/counters/" + counter));
                if (state == null || state.status() != 200) {
                    sleep(200);
                    continue;
                }
                JsonNode current = state.json().path("current");
                if (current.isObject()) {
                    return current.path("id").asLong();
                }
            }
            Http.Response r = send(() -> staff.post("/api/v1/counters/" + counter + "/call-next", null));
            if (r != null && r.status() == 200) {
                long visit = r.json().path("id").asLong();
                ackCalls.add(visit);
                lastAck.set(System.nanoTime());
                return visit;
            }
            if (r != null && r.status() == 204) {
                return null;
            }
            if (r == null || r.status() != 409) {
                transientOnly("call-next", r);
            }
            uncertain = true;
            sleep(200);
        }
        return null;
    }

    private void complete(Http staff, long visit) {
        boolean uncertain = false;
        while (!stop.get()) {
            Http.Response r = send(() -> staff.post("/api/v1/visits/" + visit + "/complete", null));
            if (r != null && r.status() == 200) {
                ackCompletes.add(visit);
                lastAck.set(System.nanoTime());
                return;
            }
            if (r != null && r.status() == 409 && uncertain) {
                return;
            }
            transientOnly("complete", r);
            uncertain = true;
            sleep(200);
        }
    }

    private void transientOnly(String what, Http.Response r) {
        if (r != null && r.status() != 503) {
            unexpected.add(what + " " + r.status() + " " + r.body());
        }
    }

    private static Http.Response send(java.util.function.Supplier<Http.Response> request) {
        try {
            return request.get();
        } catch (UncheckedIOException noAnswer) {
            return null;
        }
    }

    // ------------------------------------------------------------------ recovery

    private void awaitRecovery(Http http, long faultAt) throws InterruptedException {
        awaitTrue("health UP and an operation acknowledged after the fault", () -> {
            Http.Response health = send(() -> http.get("/actuator/health"));
            return health != null && health.status() == 200 && lastAck.get() > faultAt;
        });
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws java.sql.SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static long single(TestApp app, String sql) {
        return app.jdbc().sql(sql).query(Long.class).single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ a board on the event stream

    /** A display board: holds the office's event stream and reconnects with Last-Event-ID whenever it ends. */
    private final class Board {
        final TestApp app;
        final String token;
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final List<Long> received = new CopyOnWriteArrayList<>();
        final AtomicLong last = new AtomicLong(-1);
        final LongAdder connections = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        volatile InputStream current;

        Board(TestApp app, String token) {
            this.app = app;
            this.token = token;
        }

        Thread start() {
            Thread thread = new Thread(this::loop, "board");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        void reconnect() {
            InputStream in = current;
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closed either way
                }
            }
        }

        void close() {
            reconnect();
        }

        private void loop() {
            while (!boardsStop.get()) {
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url("/api/v1/offices/honcho/events")))
                            .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
                    if (last.get() >= 0) {
                        request.header("Last-Event-ID", Long.toString(last.get()));
                    }
                    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        response.body().close();
                        if (response.statusCode() != 503) {
                            unexpected.add("stream " + response.statusCode());
                        }
                    } else {
                        connections.increment();
                        current = response.body();
                        read(new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)));
                    }
                } catch (IOException e) {
                    // The stream ended: open it again.
                } catch (InterruptedException e) {
                    return;
                }
                sleep(200);
            }
        }

        private void read(BufferedReader in) throws IOException {
            String id = null;
            String line;
            while ((line = in.readLine()) != null && !boardsStop.get()) {
                if (line.isEmpty()) {
                    if (id != null) {
                        long position = Long.parseLong(id.trim());
                        if (position <= last.get()) {
                            outOfOrder.increment();
                        } else {
                            last.set(position);
                            received.add(position);
                        }
                    }
                    id = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                }
            }
        }
    }
}

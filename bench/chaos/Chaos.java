import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaos run of madoguchi (bench/chaos.sh starts it): the packaged application on its embedded PostgreSQL under a
 * steady mix of issue / call-next / complete through the REST API, with a few display boards holding the office's
 * event stream (reconnecting with Last-Event-ID), while random faults are injected one after the other. After each
 * fault it waits until health is UP and the floor acknowledges an operation again, and notes how long that took.
 * Afterwards it checks against the database that nothing acknowledged was lost and nothing happened twice, and that
 * every stream received exactly the event log. Only the JDK and {@code psql} are needed.
 *
 * <pre>
 *   java bench/chaos/Chaos.java --jar target/madoguchi-0.1.0-SNAPSHOT.jar --data target/chaos-data
 *        [--seed N] [--faults 24] [--workers 6] [--subscribers 3] [--http-port 8383] [--pg-port 55433]
 * </pre>
 *
 * The same seed gives the same order of faults and pauses (what the machine makes of them differs from run to run).
 */
public class Chaos {

    enum Fault {
        APP_KILL("SIGKILL of the application, then started again"),
        POSTMASTER_KILL("SIGKILL of PostgreSQL's postmaster"),
        TERMINATE_BACKENDS("pg_terminate_backend of every application connection"),
        FULL_RESTART("SIGKILL of the application and the postmaster, then the application started again"),
        POOL_EXHAUSTION("connection pool exhausted for 5 s: requests held on a locked row, plus a burst; recovery counted from the release");

        final String description;

        Fault(String description) {
            this.description = description;
        }
    }

    /** Counters of the honcho office used by the workers, each with one of its departments (V3__itabashi_floor.sql). */
    static final String[][] COUNTERS = {
            {"honcho-1", "koseki-jumin"}, {"honcho-11", "kokuho-nenkin"}, {"honcho-21", "kosodate"},
            {"honcho-41", "kazei"}, {"honcho-44", "nozei"}, {"honcho-51", "shogai"}, {"honcho-2", "koseki-jumin"},
            {"honcho-12", "kokuho-nenkin"}, {"honcho-53", "hoiku"}, {"honcho-22", "kosodate"}};
    static final String OFFICE = "honcho";
    static final Pattern TICKET_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*(\\d+)");
    static final Pattern SERVICE_DATE = Pattern.compile("\"serviceDate\"\\s*:\\s*\"([0-9-]{10})\"");
    static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Pattern CURRENT_ID = Pattern.compile("\"current\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+)");

    // ------------------------------------------------------------------ options
    static Path jar;
    static Path data;
    static long seed = System.nanoTime() ^ System.currentTimeMillis();
    static int faults = 24;
    static int workers = 6;
    static int subscribers = 3;
    static int httpPort = 8383;
    static int pgPort = 55433;
    static int paceMillis = 60;
    static String javaOpts = "";

    static String url;
    static final String ADMIN_PASSWORD = "chaos-admin-" + UUID.randomUUID();
    static final String STAFF_PASSWORD = "chaos-staff-" + UUID.randomUUID();

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    static final AtomicBoolean stopLoad = new AtomicBoolean();
    static final AtomicBoolean stopAll = new AtomicBoolean();
    static final AtomicLong lastAckNanos = new AtomicLong();
    static final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    static final List<String> unexpected = new CopyOnWriteArrayList<>();
    static final LongAdder acknowledged = new LongAdder();

    // What the application acknowledged, to be found in the database afterwards.
    record AckTicket(String id, String serviceDate, int number) {
    }

    record AckCall(long visitId, String counter) {
    }

    static final List<AckTicket> ackTickets = new CopyOnWriteArrayList<>();
    static final List<AckCall> ackCalls = new CopyOnWriteArrayList<>();
    static final List<Long> ackCompletes = new CopyOnWriteArrayList<>();

    static App app;
    static String kioskToken;

    public static void main(String[] args) throws Exception {
        parse(args);
        url = "http://localhost:" + httpPort;
        Random random = new Random(seed);
        System.out.printf(Locale.ROOT, "madoguchi chaos run: seed %d (re-run the same faults with SEED=%d), %d faults, "
                + "%d workers, %d stream subscribers, %s%n", seed, seed, faults, workers, subscribers, url);
        app = new App();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> app.stopForGood()));
        int exit;
        try {
            exit = run(random);
        } finally {
            stopAll.set(true);
            app.stopForGood();
        }
        System.exit(exit);
    }

    static int run(Random random) throws Exception {
        app.start();
        awaitHealthy(Duration.ofSeconds(180));
        Psql.init();
        provision();

        List<Worker> pool = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            pool.add(new Worker(i, COUNTERS[i % COUNTERS.length][0], COUNTERS[i % COUNTERS.length][1]));
        }
        for (Worker w : pool) {
            w.setUp();
        }
        List<Subscriber> boards = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            boards.add(new Subscriber(i, device("DISPLAY")));
        }
        boards.forEach(Subscriber::start);
        pool.forEach(Worker::start);
        System.out.println("load running; first fault in 5 s");
        Thread.sleep(5000);

        List<Fault> kinds = List.of(Fault.values());
        List<Injected> injected = new ArrayList<>();
        for (int i = 1; i <= faults; i++) {
            // Every kind at least once in the first five, then at random.
            Fault fault = i <= kinds.size() ? kinds.get(Math.floorMod(i - 1 + (int) (seed % kinds.size()), kinds.size()))
                    : kinds.get(random.nextInt(kinds.size()));
            long pause = 3000 + random.nextInt(4000);
            Injected result = inject(i, fault);
            injected.add(result);
            System.out.printf(Locale.ROOT, "fault %2d/%d %-18s recovered in %6.1f s (health UP after %.1f s)%s%n", i,
                    faults, fault, result.recoverMillis / 1000.0, result.healthMillis / 1000.0,
                    result.recovered ? "" : "  NOT RECOVERED");
            if (!result.recovered) {
                break;
            }
            Thread.sleep(pause);
        }

        System.out.println("stopping the load; letting every operation under way finish");
        stopLoad.set(true);
        for (Worker w : pool) {
            w.thread.join(120_000);
        }
        // Every counter served a whole visit after the last recovery, with nobody's help.
        boolean floorWorks = pool.stream().allMatch(w -> w.lastCycle > Worker.lastFaultRecovered);
        long maxPosition = Psql.single("SELECT coalesce(max(position), 0) FROM reception.event WHERE office_id = '"
                + OFFICE + "'");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && boards.stream().anyMatch(b -> b.lastId() < maxPosition)) {
            Thread.sleep(200);
        }
        stopAll.set(true);
        boards.forEach(Subscriber::stop);
        return report(injected, pool, boards, maxPosition, floorWorks);
    }

    // ------------------------------------------------------------------ faults

    record Injected(Fault fault, boolean recovered, long recoverMillis, long healthMillis) {
    }

    static Injected inject(int n, Fault fault) throws Exception {
        long start = System.nanoTime();
        Thread burst = null;
        switch (fault) {
            case APP_KILL -> {
                app.kill();
                app.start();
            }
            case POSTMASTER_KILL -> killPostmaster();
            case TERMINATE_BACKENDS -> {
                long terminated = Psql.single("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE usename = 'madoguchi' AND pid <> pg_backend_pid()");
                System.out.printf(Locale.ROOT, "  terminated %d application connections%n", terminated);
            }
            case FULL_RESTART -> {
                app.kill();
                killPostmaster();
                app.start();
            }
            case POOL_EXHAUSTION -> {
                // Issuing waits for the day's number row: every connection in the pool ends up waiting behind this
                // lock, and so does a burst of further requests; the rest of the floor meets a full pool meanwhile.
                Thread holder = new Thread(() -> Psql.run("BEGIN; LOCK TABLE reception.ticket_number IN EXCLUSIVE MODE; "
                        + "SELECT pg_sleep(5); COMMIT;"), "lock-holder");
                holder.start();
                Thread.sleep(300);
                burst = new Thread(Chaos::burst, "burst");
                burst.start();
                // A full pool is not an outage: health must stay UP all the while.
                while (holder.isAlive()) {
                    if (!healthy()) {
                        unexpected("health not UP while the pool was exhausted");
                    }
                    holder.join(250);
                }
                // The fault lasts as long as the lock is held; recovery counts from its release.
                start = System.nanoTime();
            }
        }
        // Recovered: health UP, and an operation acknowledged after the fault was injected.
        long healthAt = -1;
        long deadline = start + TimeUnit.SECONDS.toNanos(180);
        boolean recovered = false;
        while (System.nanoTime() < deadline) {
            if (healthAt < 0 && healthy()) {
                healthAt = System.nanoTime();
            }
            if (healthAt >= 0 && lastAckNanos.get() > start) {
                recovered = true;
                break;
            }
            Thread.sleep(50);
        }
        if (burst != null) {
            burst.join(60_000);
        }
        long end = System.nanoTime();
        Worker.lastFaultRecovered = end;
        return new Injected(fault, recovered, TimeUnit.NANOSECONDS.toMillis(end - start),
                healthAt < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(healthAt - start));
    }

    static void killPostmaster() throws Exception {
        long pid = postmasterPid();
        if (pid <= 0) {
            System.out.println("  no postmaster recorded (the server is restarting already)");
            return;
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("  the postmaster did not exit within 10 s: " + e);
            }
        });
    }

    static long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("pg/postmaster.pid"));
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Sixty issue requests at once, each retried with its key until acknowledged, as kiosks would. */
    static void burst() {
        ExecutorService senders = Executors.newFixedThreadPool(60);
        for (int i = 0; i < 60; i++) {
            senders.execute(() -> {
                String key = UUID.randomUUID().toString();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < until && !stopAll.get()) {
                    if (issue(key, "koseki-jumin") != null) {
                        return;
                    }
                    sleep(500);
                }
            });
        }
        senders.shutdown();
        try {
            senders.awaitTermination(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the steady mix

    static final class Worker {
        static volatile long lastFaultRecovered;
        final int index;
        final String counter;
        final String department;
        final String login;
        String bearer;
        Thread thread;
        /** When this worker last finished a whole visit (issue, call, complete). */
        volatile long lastCycle;

        Worker(int index, String counter, String department) {
            this.index = index;
            this.counter = counter;
            this.department = department;
            this.login = "chaos-" + counter;
        }

        void setUp() throws Exception {
            admin("/api/v1/admin/staff", "{\"login\":\"" + login + "\",\"displayName\":\"Chaos " + index
                    + "\",\"password\":\"" + STAFF_PASSWORD + "\",\"role\":\"STAFF\",\"departments\":[\"" + department
                    + "\"]}", 201);
            String password = replaceInitialPassword(login, STAFF_PASSWORD);
            HttpResponse<String> created = basicPost(login, password, "/api/v1/staff/me/tokens", "{\"name\":\"chaos\"}");
            Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"(stf_[^\"]+)\"").matcher(created.body());
            if (created.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException("no staff token for " + login + ": " + created.body());
            }
            bearer = "Bearer " + m.group(1);
            HttpResponse<String> open = send(staff(post("/api/v1/counters/" + counter + "/open")));
            if (open == null || open.statusCode() != 200) {
                throw new IllegalStateException("could not open " + counter);
            }
        }

        void start() {
            thread = new Thread(this::loop, "worker-" + index);
            thread.start();
        }

        HttpRequest.Builder staff(HttpRequest.Builder b) {
            return b.header("Authorization", bearer);
        }

        void loop() {
            while (!stopLoad.get()) {
                // Issue: the same Idempotency-Key until the kiosk has its ticket, as a kiosk does.
                String key = UUID.randomUUID().toString();
                while (issue(key, department) == null) {
                    if (stopAll.get()) {
                        return;
                    }
                    sleep(300);
                }
                pace();
                Long visit = call();
                if (visit == null) {
                    continue;
                }
                pace();
                complete(visit);
                lastCycle = System.nanoTime();
                pace();
            }
        }

        void pace() {
            sleep(paceMillis);
        }

        /** Calls the next visitor; an answer lost on the way is settled by asking the counter what it holds. */
        Long call() {
            boolean uncertain = false;
            while (!stopAll.get()) {
                if (uncertain) {
                    HttpResponse<String> state = send(staff(HttpRequest.newBuilder(uri("/api/v1/counters/" + counter)).GET()));
                    if (state == null || state.statusCode() != 200) {
                        sleep(300);
                        continue;
                    }
                    Matcher current = CURRENT_ID.matcher(state.body());
                    if (current.find()) {
                        // The earlier call was carried out: this is its visit (not acknowledged, so not counted).
                        return Long.parseLong(current.group(1));
                    }
                }
                HttpResponse<String> called = send(staff(post("/api/v1/counters/" + counter + "/call-next")));
                int status = called == null ? -1 : called.statusCode();
                count("call-next", status);
                if (status == 200) {
                    Matcher id = FIRST_ID.matcher(called.body());
                    if (!id.find()) {
                        unexpected("call-next without a visit: " + called.body());
                        return null;
                    }
                    long visitId = Long.parseLong(id.group(1));
                    ackCalls.add(new AckCall(visitId, counter));
                    acknowledge();
                    return visitId;
                }
                if (status == 204) {
                    return null;
                }
                if (status == 409) {
                    // Still holding a visit from a call whose answer was lost.
                    uncertain = true;
                    continue;
                }
                expectTransient("call-next", called);
                uncertain = true;
                sleep(300);
            }
            return null;
        }

        void complete(long visitId) {
            boolean uncertain = false;
            while (!stopAll.get()) {
                HttpResponse<String> done = send(staff(post("/api/v1/visits/" + visitId + "/complete")));
                int status = done == null ? -1 : done.statusCode();
                count("complete", status);
                if (status == 200) {
                    ackCompletes.add(visitId);
                    acknowledge();
                    return;
                }
                if (status == 409 && uncertain) {
                    // Completed by the attempt whose answer was lost; the database check below confirms it.
                    return;
                }
                if (status == 409) {
                    unexpected("complete " + visitId + " refused: " + done.body());
                    return;
                }
                expectTransient("complete", done);
                uncertain = true;
                sleep(300);
            }
        }
    }

    /** Issues a ticket as the kiosk; its record once acknowledged (201, or 200 when replayed), null otherwise. */
    static AckTicket issue(String key, String department) {
        HttpRequest.Builder request = post("/api/v1/offices/" + OFFICE + "/tickets")
                .header("Authorization", "Bearer " + kioskToken).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"itinerary\":[{\"departmentId\":\"" + department
                        + "\",\"procedureIds\":[]}]}"));
        HttpResponse<String> response = send(request);
        int status = response == null ? -1 : response.statusCode();
        count("issue", status);
        if (status == 201 || status == 200) {
            Matcher id = TICKET_ID.matcher(response.body());
            Matcher number = NUMBER.matcher(response.body());
            Matcher date = SERVICE_DATE.matcher(response.body());
            if (!id.find() || !number.find() || !date.find()) {
                unexpected("issue answer without a ticket: " + response.body());
                return null;
            }
            AckTicket ticket = new AckTicket(id.group(1), date.group(1), Integer.parseInt(number.group(1)));
            ackTickets.add(ticket);
            acknowledge();
            return ticket;
        }
        expectTransient("issue", response);
        return null;
    }

    static void acknowledge() {
        acknowledged.increment();
        lastAckNanos.set(System.nanoTime());
    }

    /** While a fault lasts only 503 (with the database-unavailable problem) or no answer at all is acceptable. */
    static void expectTransient(String op, HttpResponse<String> response) {
        if (response == null) {
            return;
        }
        if (response.statusCode() == 503) {
            return;
        }
        unexpected(op + " -> " + response.statusCode() + ": " + response.body());
    }

    static void unexpected(String what) {
        if (unexpected.size() < 200) {
            unexpected.add(what.length() > 400 ? what.substring(0, 400) + "…" : what);
        }
    }

    static void count(String op, int status) {
        answers.computeIfAbsent(op + " " + (status < 0 ? "no answer" : Integer.toString(status)),
                k -> new LongAdder()).increment();
    }

    // ------------------------------------------------------------------ event stream subscribers

    /** A display board on the office's event stream, reconnecting with Last-Event-ID whenever the stream ends. */
    static final class Subscriber {
        final int index;
        final String token;
        final List<Long> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong last = new AtomicLong(-1);
        final LongAdder connections = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder resyncs = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();
        volatile InputStream current;
        Thread thread;

        Subscriber(int index, String token) {
            this.index = index;
            this.token = token;
        }

        long lastId() {
            return last.get();
        }

        void start() {
            thread = new Thread(this::loop, "board-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            InputStream in = current;
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            thread.interrupt();
        }

        void loop() {
            while (!stopAll.get()) {
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/offices/" + OFFICE + "/events"))
                            .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
                    if (last.get() >= 0) {
                        request.header("Last-Event-ID", Long.toString(last.get()));
                    }
                    HttpResponse<InputStream> response = HTTP.send(request.GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        refused.increment();
                        refusals.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
                        response.body().close();
                        sleep(500);
                        continue;
                    }
                    connections.increment();
                    current = response.body();
                    read(new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    // The application went away: reconnect below.
                } catch (InterruptedException e) {
                    return;
                }
                sleep(300);
            }
        }

        void read(BufferedReader in) throws IOException {
            String id = null;
            String event = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) {
                        long position = Long.parseLong(id.trim());
                        if (position <= last.get()) {
                            outOfOrder.increment();
                        } else {
                            last.set(position);
                        }
                        received.add(position);
                    } else if ("resync".equals(event)) {
                        resyncs.increment();
                    }
                    id = null;
                    event = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                }
            }
        }
    }

    // ------------------------------------------------------------------ report and checks against the database

    static int report(List<Injected> injected, List<Worker> pool, List<Subscriber> boards, long maxPosition,
            boolean floorWorks) {
        List<String> failures = new ArrayList<>();

        // Every acknowledged ticket is there, with the number it was acknowledged with.
        Map<String, String> stored = new HashMap<>();
        for (String[] row : Psql.rows("SELECT id, service_date, number FROM reception.ticket WHERE office_id = '" + OFFICE + "'")) {
            stored.put(row[0], row[1] + "#" + row[2]);
        }
        long lostTickets = ackTickets.stream().filter(t -> !(t.serviceDate() + "#" + t.number()).equals(stored.get(t.id())))
                .count();
        // One ticket acknowledged twice (a replay) is one ticket; two tickets may never share a number.
        Map<String, Set<String>> byNumber = new HashMap<>();
        ackTickets.forEach(t -> byNumber.computeIfAbsent(t.serviceDate() + "#" + t.number(), k -> new HashSet<>()).add(t.id()));
        long reusedAcknowledged = byNumber.values().stream().filter(s -> s.size() > 1).count();
        long reusedStored = Psql.single("SELECT count(*) FROM (SELECT 1 FROM reception.ticket GROUP BY office_id, "
                + "service_date, number HAVING count(*) > 1) d");

        // Every acknowledged call and completion is there.
        Set<String> calledAt = new HashSet<>();
        for (String[] row : Psql.rows("SELECT visit_id, counter_id FROM reception.event WHERE type = 'CALLED'")) {
            calledAt.add(row[0] + "@" + row[1]);
        }
        long lostCalls = ackCalls.stream().filter(c -> !calledAt.contains(c.visitId() + "@" + c.counter())).count();
        Set<String> completed = new HashSet<>(Psql.column("SELECT v.id FROM reception.visit v WHERE v.status = 'COMPLETED' "
                + "AND EXISTS (SELECT 1 FROM reception.event e WHERE e.visit_id = v.id AND e.type = 'COMPLETED')"));
        long lostCompletes = ackCompletes.stream().filter(v -> !completed.contains(Long.toString(v))).count();
        long calledTwice = Psql.single("SELECT count(*) FROM (SELECT visit_id FROM reception.event WHERE type = 'CALLED' "
                + "GROUP BY visit_id HAVING count(*) > 1) d");
        long ackCalledTwice = ackCalls.size() - ackCalls.stream().map(AckCall::visitId).distinct().count();
        long completedTwice = Psql.single("SELECT count(*) FROM (SELECT visit_id FROM reception.event WHERE type = 'COMPLETED' "
                + "GROUP BY visit_id HAVING count(*) > 1) d");

        // Every stream received exactly the event log from its first event on: no gap, no duplicate, in order.
        List<String> streamLines = new ArrayList<>();
        boolean streamsOk = true;
        for (Subscriber b : boards) {
            List<Long> got;
            synchronized (b.received) {
                got = new ArrayList<>(b.received);
            }
            if (got.isEmpty()) {
                streamsOk = false;
                streamLines.add("  board " + b.index + ": received nothing");
                continue;
            }
            long first = got.get(0);
            List<String> log = Psql.column("SELECT position FROM reception.event WHERE office_id = '" + OFFICE
                    + "' AND position >= " + first + " AND position <= " + maxPosition + " ORDER BY position");
            Set<Long> expected = new HashSet<>();
            log.forEach(p -> expected.add(Long.parseLong(p)));
            Set<Long> distinct = new HashSet<>(got);
            long duplicates = got.size() - distinct.size();
            Set<Long> missing = new HashSet<>(expected);
            missing.removeAll(distinct);
            Set<Long> extra = new HashSet<>(distinct);
            extra.removeAll(expected);
            boolean caughtUp = b.lastId() == maxPosition;
            boolean ok = duplicates == 0 && missing.isEmpty() && extra.isEmpty() && b.outOfOrder.sum() == 0 && caughtUp;
            streamsOk &= ok;
            streamLines.add(String.format(Locale.ROOT, "  board %d: %d events over %d connections (%d refused while "
                            + "unavailable %s), %d resync; missing %d, duplicates %d, out of order %d, not in the log %d, "
                            + "caught up to %d: %s", b.index, got.size(), b.connections.sum(), b.refused.sum(),
                    new TreeMap<>(b.refusals), b.resyncs.sum(), missing.size(), duplicates, b.outOfOrder.sum(), extra.size(),
                    b.lastId(), ok ? "ok" : "FAILED" + (missing.isEmpty() ? "" : " missing e.g. " + missing.stream().sorted().limit(5).toList())));
        }

        long lost = lostTickets + lostCalls + lostCompletes;
        long[] recover = injected.stream().filter(i -> i.recovered).mapToLong(i -> i.recoverMillis).sorted().toArray();
        Map<Fault, Integer> byKind = new LinkedHashMap<>();
        for (Fault f : Fault.values()) {
            byKind.put(f, 0);
        }
        injected.forEach(i -> byKind.merge(i.fault, 1, Integer::sum));

        System.out.println();
        System.out.println("==== chaos run summary (seed " + seed + ")");
        System.out.println("faults injected: " + injected.size());
        byKind.forEach((f, n) -> {
            long[] ms = injected.stream().filter(i -> i.fault == f && i.recovered).mapToLong(i -> i.recoverMillis).sorted()
                    .toArray();
            System.out.printf(Locale.ROOT, "  %-18s %3d   recovery median %5.1f s, max %5.1f s   (%s)%n", f, n,
                    median(ms) / 1000.0, (ms.length == 0 ? 0 : ms[ms.length - 1]) / 1000.0, f.description);
        });
        System.out.printf(Locale.ROOT, "time to recover (health UP and an operation acknowledged): median %.1f s, max %.1f s%n",
                median(recover) / 1000.0, (recover.length == 0 ? 0 : recover[recover.length - 1]) / 1000.0);
        System.out.printf(Locale.ROOT, "operations acknowledged: %d (tickets %d, calls %d, completions %d)%n",
                acknowledged.sum(), ackTickets.size(), ackCalls.size(), ackCompletes.size());
        System.out.printf(Locale.ROOT, "lost: %d (tickets %d, calls %d, completions %d)%n", lost, lostTickets, lostCalls,
                lostCompletes);
        System.out.printf(Locale.ROOT, "ticket numbers reused: %d acknowledged, %d stored%n", reusedAcknowledged, reusedStored);
        System.out.printf(Locale.ROOT, "visits called twice: %d in the log, %d acknowledged; completed twice: %d%n",
                calledTwice, ackCalledTwice, completedTwice);
        System.out.println("event streams (event log positions " + maxPosition + " at the end):");
        streamLines.forEach(System.out::println);
        System.out.println("floor working after the last fault without manual action: "
                + (floorWorks ? "yes (every counter served again)" : "NO"));
        System.out.println("answers: " + new TreeMap<>(answers.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
        if (!unexpected.isEmpty()) {
            System.out.println("unexpected answers (" + unexpected.size() + "), first ones:");
            unexpected.stream().limit(10).forEach(u -> System.out.println("  " + u));
        }

        if (injected.stream().anyMatch(i -> !i.recovered)) failures.add("a fault was not recovered from");
        if (lost > 0) failures.add("acknowledged operations lost");
        if (reusedAcknowledged + reusedStored > 0) failures.add("ticket numbers reused");
        if (calledTwice + ackCalledTwice + completedTwice > 0) failures.add("a visit called or completed twice");
        if (!streamsOk) failures.add("an event stream missed, repeated or reordered events");
        if (!floorWorks) failures.add("the floor did not work again after the last fault");
        if (!unexpected.isEmpty()) failures.add("unexpected answers (not 503) during faults");
        if (injected.size() < faults) failures.add("fewer faults than asked for");
        System.out.printf(Locale.ROOT, "RESULT seed=%d faults=%d acknowledged=%d lost=%d recover_median_s=%.1f "
                        + "recover_max_s=%.1f %s%n", seed, injected.size(), acknowledged.sum(), lost, median(recover) / 1000.0,
                (recover.length == 0 ? 0 : recover[recover.length - 1]) / 1000.0, failures.isEmpty() ? "PASSED" : "FAILED " + failures);
        return failures.isEmpty() ? 0 : 3;
    }

    static double median(long[] sorted) {
        if (sorted.length == 0) return 0;
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }

    // ------------------------------------------------------------------ the application process

    static final class App {
        Process process;

        synchronized void start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String opt : javaOpts.trim().split("\\s+")) {
                if (!opt.isEmpty()) command.add(opt);
            }
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + httpPort,
                    "--madoguchi.embedded-db.port=" + pgPort, "--madoguchi.embedded-db.durable=true",
                    "--madoguchi.reception.auto-close-day=false", "--madoguchi.liveinfo.stream-port=0",
                    "--spring.main.banner-mode=off"));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("MADOGUCHI_DATA_DIR", data.toString());
            builder.environment().put("MADOGUCHI_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("app.log").toFile()));
            process = builder.start();
        }

        synchronized void kill() throws Exception {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }

        /** At the end (or on any exit): a graceful stop, then whatever PostgreSQL is left on our data directory. */
        synchronized void stopForGood() {
            if (process == null) {
                return;
            }
            try {
                if (process.isAlive()) {
                    process.destroy();
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
            long pid = postmasterPid();
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    System.out.println("stopping the PostgreSQL left behind (pid " + pid + ")");
                    p.destroy();
                });
            }
            process = null;
        }
    }

    static boolean healthy() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!healthy()) {
            if (System.nanoTime() > deadline || !app.process.isAlive()) {
                throw new IllegalStateException("the application did not become healthy (see " + data.resolve("app.log") + ")");
            }
            Thread.sleep(250);
        }
    }

    // ------------------------------------------------------------------ provisioning

    static void provision() throws Exception {
        kioskToken = device("KIOSK");
    }

    static String device(String kind) throws Exception {
        String body = admin("/api/v1/admin/devices", "{\"name\":\"chaos " + kind + " " + UUID.randomUUID()
                + "\",\"kind\":\"" + kind + "\",\"officeId\":\"" + OFFICE + "\"}", 201);
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"(dev_[^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no device token: " + body);
        }
        return m.group(1);
    }

    static String adminBearer;

    /** A password someone else chose is replaced first, as the application asks of every account. */
    static String replaceInitialPassword(String login, String initial) throws Exception {
        String chosen = "kawaru-" + UUID.randomUUID();
        HttpResponse<String> changed = basicPost(login, initial, "/api/v1/staff/me/password",
                "{\"currentPassword\":\"" + initial + "\",\"newPassword\":\"" + chosen + "\"}");
        if (changed.statusCode() != 204) {
            throw new IllegalStateException("could not set the password of " + login + ": " + changed.body());
        }
        return chosen;
    }

    /** A write with a password (HTTP Basic): with a CSRF token and its cookie, as a program must send them. */
    static HttpResponse<String> basicPost(String login, String password, String path, String json) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> csrf = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/csrf")).header("Authorization", basic)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String cookie = csrf.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no CSRF cookie: " + csrf.statusCode() + " " + csrf.body()));
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(csrf.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token: " + csrf.body());
        }
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic)
                .header("Cookie", cookie).header("X-XSRF-TOKEN", token.group(1))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The administrator's API token, made once with HTTP Basic (which would need a CSRF token for other writes). */
    static synchronized String adminBearer() throws Exception {
        if (adminBearer == null) {
            String password = replaceInitialPassword("admin", ADMIN_PASSWORD);
            HttpResponse<String> created = basicPost("admin", password, "/api/v1/staff/me/tokens", "{\"name\":\"chaos\"}");
            Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"(stf_[^\"]+)\"").matcher(created.body());
            if (created.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException("no administrator token: " + created.statusCode() + " " + created.body());
            }
            adminBearer = "Bearer " + m.group(1);
        }
        return adminBearer;
    }

    static String admin(String path, String json, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", adminBearer())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected && r.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    // ------------------------------------------------------------------ psql

    /** The embedded server's superuser through psql, with the password the application generated (owner-only file). */
    static final class Psql {
        static Path pgpass;

        static void init() throws IOException {
            String password = Files.readString(data.resolve("pg-superuser-password")).trim();
            pgpass = data.resolve("pgpass");
            Files.deleteIfExists(pgpass);
            Files.createFile(pgpass, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pgpass, "localhost:" + pgPort + ":*:postgres:" + password + "\n");
        }

        static List<String[]> rows(String sql) {
            String out = run(sql);
            List<String[]> rows = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) rows.add(line.split("\t", -1));
            }
            return rows;
        }

        static List<String> column(String sql) {
            return rows(sql).stream().map(r -> r[0]).toList();
        }

        static long single(String sql) {
            return Long.parseLong(rows(sql).get(0)[0].trim());
        }

        static String run(String sql) {
            ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                    "-h", "localhost", "-p", Integer.toString(pgPort), "-U", "postgres", "-d", "postgres", "-c", sql);
            builder.environment().put("PGPASSFILE", pgpass.toString());
            builder.environment().put("PGCONNECT_TIMEOUT", "5");
            builder.redirectErrorStream(true);
            // The server may be restarting (a fault just before): try again for a while.
            for (int attempt = 0; ; attempt++) {
                try {
                    Process p = builder.start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor() == 0) {
                        return out;
                    }
                    if (attempt >= 60) {
                        throw new IllegalStateException("psql failed: " + out);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("psql could not be run", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                sleep(1000);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody());
    }

    static URI uri(String path) {
        return URI.create(url + path);
    }

    /** The answer, or null when none came (connection refused or reset, timed out). */
    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("usage: java bench/chaos/Chaos.java --jar JAR --data DIR [--seed N] [--faults N] "
                        + "[--workers N] [--subscribers N] [--http-port P] [--pg-port P] [--pace-ms MS] [--java-opts '...']");
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--jar" -> jar = Path.of(v).toAbsolutePath();
                case "--data" -> data = Path.of(v).toAbsolutePath();
                case "--seed" -> seed = Long.parseLong(v);
                case "--faults" -> faults = Integer.parseInt(v);
                case "--workers" -> workers = Integer.parseInt(v);
                case "--subscribers" -> subscribers = Integer.parseInt(v);
                case "--http-port" -> httpPort = Integer.parseInt(v);
                case "--pg-port" -> pgPort = Integer.parseInt(v);
                case "--pace-ms" -> paceMillis = Integer.parseInt(v);
                case "--java-opts" -> javaOpts = v;
                default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
            }
        }
        if (jar == null || data == null) {
            throw new IllegalArgumentException("--jar and --data are required");
        }
        if (seed < 0) {
            seed = -seed;
        }
    }
}

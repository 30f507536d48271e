import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load generator for madoguchi's reception API. Only the JDK is needed:
 *
 * <pre>
 *   java bench/LoadGenerator.java --url http://localhost:8282 --kiosk-token dev_... \
 *        --staff-prefix bench- --staff-password '...' [--workers 31] [--warmup 10] [--duration 30]
 * </pre>
 *
 * Each worker owns one counter of the honcho office (and the staff account {@code <prefix><counterId>}
 * that may serve it) and loops: issue a ticket for one of the counter's departments as a kiosk, call the
 * next visitor at its counter, complete that visit. Every request's latency is kept (in arrays, no
 * histograms) for requests that finish inside the measured window, so percentiles are exact.
 *
 * <p>Staff authenticate with a staff API token obtained once per worker ({@code --auth token}, default:
 * bcrypt runs once, then a SHA-256 lookup per request), or with HTTP Basic on every request
 * ({@code --auth basic}: bcrypt on every request).
 */
public class LoadGenerator {

    /** Counters of the honcho office and the departments each serves (V3__itabashi_floor.sql). */
    static final Map<String, List<String>> COUNTERS = new LinkedHashMap<>();

    static {
        for (int n = 1; n <= 8; n++) COUNTERS.put("honcho-" + n, List.of("koseki-jumin"));
        for (int n = 11; n <= 16; n++) COUNTERS.put("honcho-" + n, List.of("kokuho-nenkin"));
        for (int n = 21; n <= 23; n++) COUNTERS.put("honcho-" + n, List.of("kosodate"));
        for (int n = 31; n <= 34; n++) COUNTERS.put("honcho-" + n, List.of("choju", "kaigo", "koki-korei"));
        for (int n = 41; n <= 43; n++) COUNTERS.put("honcho-" + n, List.of("kazei"));
        for (int n = 44; n <= 46; n++) COUNTERS.put("honcho-" + n, List.of("nozei"));
        for (int n = 51; n <= 52; n++) COUNTERS.put("honcho-" + n, List.of("shogai"));
        for (int n = 53; n <= 54; n++) COUNTERS.put("honcho-" + n, List.of("hoiku"));
    }

    static final String[] OPS = {"issue", "call-next", "complete"};
    static final int ISSUE = 0, CALL = 1, COMPLETE = 2;
    static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    // ------------------------------------------------------------------ options
    static String url = "http://localhost:8282";
    static String kioskToken;
    static String staffPrefix = "bench-";
    static String staffPassword;
    static int workers = COUNTERS.size();
    static int warmupSeconds = 30;
    static int durationSeconds = 30;
    static String auth = "token";
    static boolean idempotencyKeys = true;
    static int maxErrors = 50;
    static String office = "honcho";

    // ------------------------------------------------------------------ shared state
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static volatile long measureStart = Long.MAX_VALUE;
    static volatile long measureEnd = Long.MAX_VALUE;
    static final AtomicBoolean stop = new AtomicBoolean();
    static final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    static final AtomicLong errorCount = new AtomicLong();
    static final LongAdder emptyCalls = new LongAdder();
    static final LongAdder emptyCallsMeasured = new LongAdder();

    public static void main(String[] args) throws Exception {
        parse(args);
        List<String> counters = new ArrayList<>(spread(workers));
        System.out.printf(Locale.ROOT, "madoguchi load generator: %s, %d workers (one counter each), auth=%s, "
                        + "idempotency keys=%s, warm-up %d s, measured %d s%n", url, workers, auth, idempotencyKeys,
                warmupSeconds, durationSeconds);
        System.out.println("counters: " + String.join(" ", counters));

        Worker[] pool = new Worker[workers];
        for (int i = 0; i < workers; i++) {
            pool[i] = new Worker(i, counters.get(i));
        }
        // Sign in and open the counters one after the other (each form login is one bcrypt verification).
        for (Worker w : pool) {
            w.setUp();
        }
        System.out.println("staff signed in and counters open; warming up");

        CountDownLatch done = new CountDownLatch(workers);
        List<Thread> threads = new ArrayList<>();
        for (Worker w : pool) {
            Thread t = new Thread(() -> {
                try {
                    w.loop();
                } finally {
                    done.countDown();
                }
            }, "worker-" + w.index);
            t.setDaemon(true);
            threads.add(t);
        }
        long start = System.nanoTime();
        measureStart = start + warmupSeconds * 1_000_000_000L;
        measureEnd = measureStart + durationSeconds * 1_000_000_000L;
        threads.forEach(Thread::start);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        sleepUntil(measureStart);
        long cpu0 = os.getProcessCpuTime();
        System.out.println("MEASURE-START (run.sh samples CPU use between these two lines)");
        System.out.flush();
        sleepUntil(measureEnd);
        generatorCpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.println("MEASURE-END");
        System.out.flush();
        stop.set(true);
        done.await();
        for (Worker w : pool) {
            w.tearDown();
        }
        int exit = report(pool);
        System.exit(exit);
    }

    static double generatorCpuSeconds;

    static void sleepUntil(long nanoTime) throws InterruptedException {
        while (System.nanoTime() < nanoTime && !stop.get()) {
            Thread.sleep(Math.max(1, Math.min(50, (nanoTime - System.nanoTime()) / 1_000_000)));
        }
    }

    // ------------------------------------------------------------------ a worker = one counter

    static final class Worker {
        final int index;
        final String counter;
        final List<String> departments;
        final String login;
        String bearer;
        String basic;
        final long[][] latencies = new long[OPS.length][];
        final int[] counts = new int[OPS.length];
        int rotation;

        Worker(int index, String counter) {
            this.index = index;
            this.counter = counter;
            this.departments = COUNTERS.get(counter);
            this.login = staffPrefix + counter;
            for (int i = 0; i < OPS.length; i++) {
                latencies[i] = new long[1 << 14];
            }
        }

        void setUp() throws IOException, InterruptedException {
            if (auth.equals("basic")) {
                basic = "Basic " + Base64.getEncoder().encodeToString(
                        (login + ":" + staffPassword).getBytes(StandardCharsets.UTF_8));
            } else {
                signIn();
            }
            expect("open", staff(post("/api/v1/counters/" + counter + "/open")), 200);
            // A previous run may have left a visit at this counter: complete it so call-next is allowed.
            HttpResponse<String> state = send(staff(HttpRequest.newBuilder(uri("/api/v1/counters/" + counter)).GET()));
            expect("counter state", state, 200);
            Matcher current = Pattern.compile("\"current\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+)").matcher(state.body());
            if (current.find()) {
                expect("complete leftover", staff(post("/api/v1/visits/" + current.group(1) + "/complete")), 200);
            }
        }

        /** One Basic-authenticated request per worker creates its API token; every later request sends it. */
        void signIn() throws IOException, InterruptedException {
            String basicHeader = "Basic " + Base64.getEncoder().encodeToString(
                    (login + ":" + staffPassword).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/staff/me/tokens"))
                    .header("Authorization", basicHeader).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")));
            expect("POST /api/v1/staff/me/tokens", created, 201);
            Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"(stf_[^\"]+)\"").matcher(created.body());
            if (!m.find()) {
                fail("no token in " + created.body());
            }
            bearer = "Bearer " + m.group(1);
        }

        HttpRequest.Builder staff(HttpRequest.Builder b) {
            if (basic != null) {
                return b.header("Authorization", basic);
            }
            return b.header("Authorization", bearer);
        }

        void loop() {
            try {
                while (!stop.get()) {
                    String department = departments.get(rotation++ % departments.size());
                    HttpRequest.Builder issue = post("/api/v1/offices/" + office + "/tickets")
                            .header("Authorization", "Bearer " + kioskToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"itinerary\":[{\"departmentId\":\"" + department + "\",\"procedureIds\":[]}]}"));
                    if (idempotencyKeys) {
                        issue.header("Idempotency-Key", UUID.randomUUID().toString());
                    }
                    if (timed(ISSUE, issue, 201) == null) {
                        continue;
                    }
                    HttpResponse<String> called = timed(CALL, staff(post("/api/v1/counters/" + counter + "/call-next")), 200, 204);
                    if (called == null) {
                        continue;
                    }
                    if (called.statusCode() == 204) {
                        // Cannot happen in a steady loop (every worker issues before it calls); counted, not hidden.
                        emptyCalls.increment();
                        continue;
                    }
                    Matcher id = FIRST_ID.matcher(called.body());
                    if (!id.find()) {
                        error("call-next", 200, "no visit id in " + called.body());
                        continue;
                    }
                    timed(COMPLETE, staff(post("/api/v1/visits/" + id.group(1) + "/complete")), 200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Sends a request, records its latency if it ends inside the measured window; null on an error. */
        HttpResponse<String> timed(int op, HttpRequest.Builder request, int... expected) throws InterruptedException {
            HttpRequest built = request.build();
            long t0 = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                error(OPS[op], -1, e.toString());
                return null;
            }
            long t1 = System.nanoTime();
            if (t0 >= measureStart && t1 <= measureEnd) {
                if (counts[op] == latencies[op].length) {
                    latencies[op] = Arrays.copyOf(latencies[op], counts[op] * 2);
                }
                latencies[op][counts[op]++] = t1 - t0;
                if (op == CALL && response.statusCode() == 204) {
                    emptyCallsMeasured.increment();
                }
            }
            for (int s : expected) {
                if (response.statusCode() == s) {
                    return response;
                }
            }
            error(OPS[op], response.statusCode(), response.body());
            return null;
        }

        void tearDown() {
            try {
                send(staff(post("/api/v1/counters/" + counter + "/close")));
            } catch (Exception ignored) {
                // best effort: the application is stopped after the run anyway
            }
        }
    }

    // ------------------------------------------------------------------ reporting

    static int report(Worker[] pool) {
        double seconds = durationSeconds;
        long[][] perOp = new long[OPS.length][];
        long total = 0;
        for (int op = 0; op < OPS.length; op++) {
            int n = 0;
            for (Worker w : pool) n += w.counts[op];
            long[] all = new long[n];
            int at = 0;
            for (Worker w : pool) {
                System.arraycopy(w.latencies[op], 0, all, at, w.counts[op]);
                at += w.counts[op];
            }
            Arrays.sort(all);
            perOp[op] = all;
            total += n;
        }
        long[] overall = new long[(int) total];
        int at = 0;
        for (long[] a : perOp) {
            System.arraycopy(a, 0, overall, at, a.length);
            at += a.length;
        }
        Arrays.sort(overall);

        System.out.println();
        System.out.printf(Locale.ROOT, "measured window: %d s, %d workers%n", durationSeconds, workers);
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %9s %9s %9s %9s %9s %9s%n",
                "operation", "requests", "req/s", "mean ms", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        for (int op = 0; op < OPS.length; op++) {
            line(OPS[op], perOp[op], seconds);
        }
        line("all", overall, seconds);
        long loops = perOp[COMPLETE].length;
        System.out.printf(Locale.ROOT, "visitor cycles (issue+call+complete) completed: %.1f /s%n", loops / seconds);
        System.out.printf(Locale.ROOT, "empty call-next (204): %d during the whole run, %d in the measured window%n",
                emptyCalls.sum(), emptyCallsMeasured.sum());
        System.out.printf(Locale.ROOT, "load generator CPU in the measured window: %.1f s = %.2f cores%n",
                generatorCpuSeconds, generatorCpuSeconds / seconds);
        if (unexpected.isEmpty()) {
            System.out.println("errors: none");
        } else {
            System.out.println("errors (operation status: count):");
            new TreeMap<>(unexpected).forEach((k, v) -> System.out.println("  " + k + ": " + v.sum()));
        }
        System.out.printf(Locale.ROOT, "RESULT ops_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d%n",
                overall.length / seconds, ms(pct(overall, 0.50)), ms(pct(overall, 0.99)),
                ms(overall.length == 0 ? 0 : overall[overall.length - 1]), errorCount.get());
        return errorCount.get() == 0 && overall.length > 0 ? 0 : 2;
    }

    static void line(String name, long[] sorted, double seconds) {
        int n = sorted.length;
        double mean = 0;
        for (long v : sorted) mean += v;
        mean = n == 0 ? 0 : mean / n;
        System.out.printf(Locale.ROOT, "%-10s %10d %10.1f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", name, n, n / seconds,
                mean / 1e6, ms(pct(sorted, 0.50)), ms(pct(sorted, 0.90)), ms(pct(sorted, 0.99)),
                ms(pct(sorted, 0.999)), ms(n == 0 ? 0 : sorted[n - 1]));
    }

    /** Exact percentile (nearest rank) of a sorted array. */
    static long pct(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    // ------------------------------------------------------------------ helpers

    /** The first {@code n} counters, taken round-robin over the departments so every department gets load. */
    static List<String> spread(int n) {
        Map<String, List<String>> byDepartments = new LinkedHashMap<>();
        COUNTERS.forEach((c, d) -> byDepartments.computeIfAbsent(String.join(",", d), k -> new ArrayList<>()).add(c));
        List<String> order = new ArrayList<>();
        for (int round = 0; order.size() < COUNTERS.size(); round++) {
            for (List<String> group : byDepartments.values()) {
                if (round < group.size()) order.add(group.get(round));
            }
        }
        return order.subList(0, n);
    }

    static void error(String op, int status, String body) {
        long n = errorCount.incrementAndGet();
        unexpected.computeIfAbsent(op + " " + (status < 0 ? "I/O error" : String.valueOf(status)),
                k -> new LongAdder()).increment();
        if (n <= 10) {
            System.err.println("UNEXPECTED " + op + " -> " + (status < 0 ? "I/O error" : status) + ": "
                    + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        }
        if (n > maxErrors && stop.compareAndSet(false, true)) {
            System.err.println("more than " + maxErrors + " unexpected responses: stopping the run");
        }
    }

    static HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
    }

    static URI uri(String path) {
        return URI.create(url + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(String what, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            fail(what + ": expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
    }

    static HttpResponse<String> expect(String what, HttpRequest.Builder request, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        expect(what, response, status);
        return response;
    }


    static void fail(String message) {
        System.err.println("FAILED: " + message);
        System.exit(1);
    }

    static void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("""
                        usage: java bench/LoadGenerator.java --url URL --kiosk-token dev_... --staff-password PW
                               [--staff-prefix bench-] [--workers 1..31] [--warmup S] [--duration S]
                               [--auth token|basic] [--no-idempotency-key] [--max-errors N]
                        Staff account of the worker at counter C: <staff-prefix>C (e.g. bench-honcho-1).""");
                System.exit(0);
            }
            if (a.equals("--no-idempotency-key")) {
                idempotencyKeys = false;
                continue;
            }
            if (i + 1 >= args.length) fail("missing value for " + a);
            String v = args[++i];
            switch (a) {
                case "--url" -> url = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                case "--kiosk-token" -> kioskToken = v;
                case "--staff-prefix" -> staffPrefix = v;
                case "--staff-password" -> staffPassword = v;
                case "--workers" -> workers = Integer.parseInt(v);
                case "--warmup" -> warmupSeconds = Integer.parseInt(v);
                case "--duration" -> durationSeconds = Integer.parseInt(v);
                case "--auth" -> auth = v;
                case "--max-errors" -> maxErrors = Integer.parseInt(v);
                default -> fail("unknown option " + a + " (see --help)");
            }
        }
        if (kioskToken == null || staffPassword == null) fail("--kiosk-token and --staff-password are required");
        if (workers < 1 || workers > COUNTERS.size()) fail("--workers must be 1.." + COUNTERS.size()
                + " (one counter per worker; the honcho office has " + COUNTERS.size() + ")");
        if (!auth.equals("token") && !auth.equals("basic")) fail("--auth is token or basic");
        if (durationSeconds < 1 || warmupSeconds < 0) fail("bad --duration/--warmup");
    }
}

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statistics benchmark client (bench/statistics/run.sh starts the application and passes the accounts):
 * the audit's tables for every fiscal year, dashboard pages, the visit export's rows/s, the legacy import's
 * rows/s, and call-next latency at one counter without and during a full export.
 * Usage: java StatsBench.java URL MANAGER_LOGIN STAFF_LOGIN KIOSK_TOKEN PASSWORD
 */
public class StatsBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String url;
    static String manager;
    static String staffBearer;
    static String kiosk;

    public static void main(String[] args) throws Exception {
        url = args[0];
        String password = args[4];
        manager = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + password).getBytes(StandardCharsets.UTF_8));
        kiosk = args[3];
        // One token for the counter worker: Basic would hash the password on every request.
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/staff/me/tokens"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((args[2] + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"stats-bench\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"(stf_[^\"]+)\"").matcher(token.body());
        if (!m.find()) {
            throw new IllegalStateException("no staff token: " + token.statusCode() + " " + token.body());
        }
        staffBearer = "Bearer " + m.group(1);
        HttpResponse<String> managerToken = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/staff/me/tokens"))
                .header("Authorization", manager).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"stats-bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher mt = Pattern.compile("\"token\"\\s*:\\s*\"(stf_[^\"]+)\"").matcher(managerToken.body());
        if (!mt.find()) {
            throw new IllegalStateException("no manager token: " + managerToken.statusCode() + " " + managerToken.body());
        }
        // Basic hashes the password on every request (bcrypt): a token measures the statistics, not the hashing.
        manager = "Bearer " + mt.group(1);

        System.out.println("== audit tables (median of 5 after one warm-up, ms; target <= 500)");
        System.out.println("fiscal year | table 3 (that year) | table 3 (9 years up to it) | table 4-1");
        for (int fy = 2015; fy <= 2023; fy++) {
            System.out.printf(Locale.ROOT, "%d | %.0f | %.0f | %.0f%n", fy,
                    timed("/api/v1/statistics/audit/table3?fy=" + fy + "&years=1"),
                    timed("/api/v1/statistics/audit/table3?fy=" + fy),
                    timed("/api/v1/statistics/audit/table4-1?fy=" + fy));
        }
        System.out.println("\n== dashboard pages (median of 5 after one warm-up, ms; target <= 1000)");
        for (String page : List.of("/statistics?fy=2023", "/statistics?fy=2015", "/statistics?fy=2023&department=koseki-jumin",
                "/statistics?fy=2023&month=2023-08", "/statistics?fy=2023&month=2024-03&department=kokuho-nenkin",
                "/statistics?day=2023-08-07", "/statistics/audit?fy=2023")) {
            System.out.printf(Locale.ROOT, "%s | %.0f%n", page, timed(page));
        }

        System.out.println("\n== call-next at one counter, no export running (15 s)");
        List<Long> idle = counterLoop(15_000, null);
        report(idle);
        System.out.println("\n== visit export (2 fiscal years, UTF-8), alone, 3 times");
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            long[] alone = download("/api/v1/statistics/export/visits.csv?from=2022-04-01&to=2024-03-31");
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "export alone: %d rows, %.1f MB in %.2f s = %.0f rows/s (target >= 500,000)%n",
                    alone[0], alone[1] / 1e6, seconds, alone[0] / seconds);
        }
        System.out.println("\n== visit export (2 fiscal years, UTF-8), repeated back to back for at least 15 s, with"
                + " call-next measured during all of them");
        AtomicBoolean exporting = new AtomicBoolean(true);
        List<Long> during = new ArrayList<>();
        Thread counter = new Thread(() -> during.addAll(counterLoop(Long.MAX_VALUE, exporting)));
        counter.start();
        // One export now takes about a second: a single one gives call-next too few samples for a p99.
        List<Double> rates = new ArrayList<>();
        long loopStart = System.nanoTime();
        long[] rowsAndBytes = null;
        while (rates.size() < 3 || System.nanoTime() - loopStart < 15_000_000_000L) {
            long started = System.nanoTime();
            rowsAndBytes = download("/api/v1/statistics/export/visits.csv?from=2022-04-01&to=2024-03-31");
            double seconds = (System.nanoTime() - started) / 1e9;
            rates.add(rowsAndBytes[0] / seconds);
            System.out.printf(Locale.ROOT, "export: %d rows, %.1f MB in %.2f s = %.0f rows/s (target >= 500,000)%n",
                    rowsAndBytes[0], rowsAndBytes[1] / 1e6, seconds, rowsAndBytes[0] / seconds);
        }
        exporting.set(false);
        counter.join();
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "exports: %d, rows/s median %.0f, slowest %.0f, fastest %.0f%n", sorted.length,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        System.out.println("call-next during the exports:");
        report(during);

        System.out.println("\n== legacy import (200,000 rows of fiscal 2030, UTF-8)");
        byte[] csv = legacyCsv(200_000);
        long t0 = System.nanoTime();
        HttpResponse<String> imported = multipart("/api/v1/statistics/import", csv);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "import: HTTP %d, %.1f MB in %.2f s = %.0f rows/s (target >= 100,000); %s%n",
                imported.statusCode(), csv.length / 1e6, importSeconds, 200_000 / importSeconds,
                imported.body().length() > 300 ? imported.body().substring(0, 300) : imported.body());
        long t1 = System.nanoTime();
        HttpResponse<String> again = multipart("/api/v1/statistics/import", csv);
        double againSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "re-import of the same file: HTTP %d in %.2f s; %s%n", again.statusCode(),
                againSeconds, again.body().length() > 300 ? again.body().substring(0, 300) : again.body());
    }

    static double timed(String path) throws Exception {
        get(path);
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = get(path);
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " -> " + r.statusCode());
            }
        }
        Arrays.sort(ms);
        return ms[2];
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", manager).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static long[] download(String path) throws Exception {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", manager)
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = r.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {lines - 1, bytes};
    }

    /** Issue a ticket at the kiosk, call it at counter honcho-1, complete it; call-next latencies in microseconds. */
    static List<Long> counterLoop(long millis, AtomicBoolean running) {
        List<Long> latencies = new ArrayList<>();
        long end = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + millis;
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
        try {
            send(staff("/api/v1/counters/honcho-1/open"));
            while (System.currentTimeMillis() < end && (running == null || running.get())) {
                HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/offices/honcho/tickets"))
                        .header("Authorization", "Bearer " + kiosk).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"itinerary\":[{\"departmentId\":\"koseki-jumin\",\"procedureIds\":[]}]}")));
                if (issued.statusCode() != 201) {
                    throw new IllegalStateException("issue -> " + issued.statusCode() + " " + issued.body());
                }
                long t = System.nanoTime();
                HttpResponse<String> called = send(staff("/api/v1/counters/honcho-1/call-next"));
                latencies.add((System.nanoTime() - t) / 1000);
                Matcher m = id.matcher(called.body());
                if (called.statusCode() == 200 && m.find()) {
                    send(staff("/api/v1/visits/" + m.group(1) + "/complete"));
                }
            }
        } catch (Exception e) {
            System.out.println("counter loop stopped: " + e);
        }
        return latencies;
    }

    static HttpRequest.Builder staff(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", staffBearer)
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void report(List<Long> micros) {
        if (micros.isEmpty()) {
            System.out.println("no calls");
            return;
        }
        long[] v = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "call-next: %d calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", v.length,
                v[v.length / 2] / 1000.0, v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.99) - 1)] / 1000.0,
                v[v.length - 1] / 1000.0);
    }

    /** Legacy rows on business-day-like dates of fiscal 2030, so that they never meet the generated history. */
    static byte[] legacyCsv(int rows) {
        StringBuilder s = new StringBuilder(rows * 80);
        s.append("受付番号,課,窓口,発券時刻,呼出時刻,完了時刻\r\n");
        java.time.LocalDate day = java.time.LocalDate.of(2030, 4, 1);
        int perDay = 1000;
        for (int i = 0; i < rows; i++) {
            if (i > 0 && i % perDay == 0) {
                day = day.plusDays(1);
            }
            int n = i % perDay;
            int issued = 8 * 3600 + 30 * 60 + n * 28;
            int called = issued + 60 + (n * 37) % 900;
            int completed = called + 300 + (n * 53) % 600;
            s.append(n + 1).append(",koseki-jumin,honcho-").append(1 + n % 8).append(',');
            time(s, day, issued).append(',');
            time(s, day, called).append(',');
            time(s, day, completed).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static StringBuilder time(StringBuilder s, java.time.LocalDate day, int seconds) {
        return s.append(String.format(Locale.ROOT, "%04d/%02d/%02d %02d:%02d:%02d", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), seconds / 3600, seconds / 60 % 60, seconds % 60));
    }

    static HttpResponse<String> multipart(String path, byte[] csv) throws Exception {
        String boundary = "stats-bench-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream(csv.length + 1024);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"office\"\r\n\r\nhoncho\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"legacy.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(csv);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", manager)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}

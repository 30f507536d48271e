package org.madoguchi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.liveinfo.stream.LeanStreamServer;
import tools.jackson.databind.JsonNode;

/**
 * What a city's monitoring reads at /actuator/prometheus with its scraper token: queue lengths and waits per
 * department, request latency by URI template (never a token or an id from a real URL), open live streams, the
 * mail outbox, the database, and the JVM and pool defaults. The floor is driven through the API as a counter would.
 */
class PrometheusMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");
    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");

    private final TestApp app = TestApp.shared();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<HttpResponse<InputStream>> streams = new ArrayList<>();
    private Http scraper;

    @BeforeEach
    void setUp() {
        app.resetReception();
        scraper = new Http(app).bearer(new Http(app).admin().post("/api/v1/admin/devices", Http.json(Map.of(
                "name", "Prometheus " + UUID.randomUUID(), "kind", "METRICS"))).json().path("token").asString());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (HttpResponse<InputStream> stream : streams) {
            stream.body().close();
        }
        app.resetReception();
    }

    @Test
    void queuesWaitsRequestsAndTheDatabaseAreScraped() throws Exception {
        Http admin = new Http(app).admin();
        String before = scrape();
        assertThat(value(before, "madoguchi_database_up")).isEqualTo(1.0);
        double callsBefore = valueOr(before, 0, "madoguchi_visit_wait_seconds_count", "office=\"honcho\"",
                "department=\"koseki-jumin\"");
        for (String meter : List.of("jvm_memory_used_bytes", "hikaricp_connections_active", "process_cpu_usage",
                "executor_active_threads", "tomcat_threads_busy_threads", "logback_events_total")) {
            assertThat(before).as(meter).containsPattern("(?m)^" + meter + "[{ ]");
        }

        JsonNode first = issue(admin);
        issue(admin);
        awaitValue("madoguchi_queue_waiting", v -> v == 2.0, "office=\"honcho\"", "department=\"koseki-jumin\"");
        assertThat(value(scrape(), "madoguchi_queue_waiting", "office=\"honcho\"", "department=\"kokuho-nenkin\""))
                .isZero();

        assertThat(admin.post("/api/v1/counters/honcho-1/open", null).status()).isEqualTo(200);
        JsonNode called = admin.post("/api/v1/counters/honcho-1/call-next", null).json();
        assertThat(admin.post("/api/v1/visits/" + called.path("id").asLong() + "/complete", null).status())
                .isEqualTo(200);
        String visitorPage = "/t/" + first.path("publicToken").asString();
        assertThat(new Http(app).get(visitorPage).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/tickets/" + first.path("id").asString()).status()).isEqualTo(200);

        String after = awaitValue("madoguchi_queue_waiting", v -> v == 1.0, "office=\"honcho\"",
                "department=\"koseki-jumin\"");
        assertThat(value(after, "madoguchi_visit_wait_seconds_count", "office=\"honcho\"",
                "department=\"koseki-jumin\"")).as("the one call is timed").isEqualTo(callsBefore + 1);
        assertThat(value(after, "madoguchi_visit_wait_seconds_bucket", "department=\"koseki-jumin\"", "le=\"1200.0\""))
                .as("within 20 minutes").isGreaterThanOrEqualTo(1);
        assertThat(value(after, "madoguchi_queue_longest_wait_seconds", "office=\"honcho\"",
                "department=\"koseki-jumin\"")).isGreaterThanOrEqualTo(0);

        // Latency by template, with percentile buckets; the ticket's token and id appear nowhere.
        assertThat(after).contains("uri=\"/t/{token}\"").contains("uri=\"/api/v1/tickets/{ticketId}\"")
                .contains("uri=\"/api/v1/visits/{visitId}/complete\"").containsPattern("http_server_requests_seconds_bucket\\{");
        assertThat(after).doesNotContain(first.path("publicToken").asString()).doesNotContain(first.path("id").asString());
        Set<String> uris = new TreeSet<>();
        Matcher uri = URI_LABEL.matcher(after);
        while (uri.find()) {
            uris.add(uri.group(1));
        }
        assertThat(uris).allSatisfy(u -> assertThat(u).as("a template or a fixed path")
                .matches("(/[A-Za-z0-9._*{}-]*)+|UNKNOWN|NOT_FOUND|REDIRECTION|root")
                .doesNotContainPattern("/[0-9]+(/|$)").doesNotContainPattern("[A-Za-z0-9_-]{30,}"));
    }

    @Test
    void openStreamsAreCountedPerKind() throws Exception {
        String staffToken = new Http(app).admin().post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "metrics")))
                .json().path("token").asString();
        String before = scrape();
        double servlet = value(before, "madoguchi_stream_subscribers", "stream=\"public-servlet\"");
        double lean = value(before, "madoguchi_stream_subscribers", "stream=\"public-lean\"");
        double events = value(before, "madoguchi_stream_subscribers", "stream=\"office-events\"");

        open(app.url("/api/v1/public/offices/honcho/status/stream"), null);
        open("http://127.0.0.1:" + app.bean(LeanStreamServer.class).port() + "/api/v1/public/offices/honcho/status/stream",
                null);
        open(app.url("/api/v1/offices/honcho/events"), "Bearer " + staffToken);

        awaitValue("madoguchi_stream_subscribers", v -> v == servlet + 1, "stream=\"public-servlet\"");
        awaitValue("madoguchi_stream_subscribers", v -> v == lean + 1, "stream=\"public-lean\"");
        awaitValue("madoguchi_stream_subscribers", v -> v == events + 1, "stream=\"office-events\"");
    }

    @Test
    void theMailOutboxIsCountedByStatus() {
        String text = scrape();
        assertThat(value(text, "madoguchi_mail_outbox", "status=\"pending\"")).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "madoguchi_mail_outbox", "status=\"failed\"")).isGreaterThanOrEqualTo(0);
    }

    private JsonNode issue(Http admin) {
        Http.Response issued = admin.post("/api/v1/offices/honcho/tickets", Http.json(Map.of("itinerary",
                List.of(Map.of("departmentId", "koseki-jumin")))));
        assertThat(issued.status()).isEqualTo(201);
        return issued.json();
    }

    private void open(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(30, TimeUnit.SECONDS);
        streams.add(response);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
    }

    private String scrape() {
        Http.Response response = scraper.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return response.body();
    }

    /** Scrapes until the sample satisfies the condition (queue gauges are cached for a few seconds); the last scrape. */
    private String awaitValue(String name, DoublePredicate condition, String... labels) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String text = scrape();
            double value = valueOr(text, Double.NaN, name, labels);
            if (condition.test(value)) {
                return text;
            }
            assertThat(System.nanoTime()).as(name + " " + List.of(labels) + " is " + value).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    static double value(String text, String name, String... labels) {
        double value = valueOr(text, Double.NaN, name, labels);
        assertThat(value).as(name + " " + List.of(labels) + " in the scrape").isNotNaN();
        return value;
    }

    /** The first sample of {@code name} carrying every label given; {@code otherwise} when there is none. */
    static double valueOr(String text, double otherwise, String name, String... labels) {
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals(name)
                    && List.of(labels).stream().allMatch(l -> m.group(2) != null && m.group(2).contains(l))) {
                return Double.parseDouble(m.group(3));
            }
        }
        return otherwise;
    }
}

package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The office event stream drives the staff and device screens, so the public cannot use it up: only staff and the
 * office's own boards and kiosks may open it, with a cap of their own apart from the public status stream's.
 */
class OfficeEventStreamAccessTest {

    private static final String EVENTS = "/api/v1/offices/honcho/events";
    private static final String PUBLIC_STREAM = "/api/v1/public/offices/honcho/status/stream";
    private static final String PASSWORD = "stream-staff-password-1";
    private static final Actor MANAGER = Actor.staff(8801, Actor.Role.MANAGER, Set.of());
    private static final Actor KOSEKI = Actor.staff(8802, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static TestApp app;
    private static String display;
    private static String kiosk;
    private static String otherOfficeDisplay;
    private static String staffLogin;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HttpResponse<InputStream>> open = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of(
                "madoguchi.reception.max-live-subscribers", "20",
                "madoguchi.reception.max-live-subscribers-per-holder", "2",
                "madoguchi.liveinfo.max-subscribers", "2",
                "madoguchi.liveinfo.stream-server.enabled", "false"));
        display = app.device("DISPLAY", "honcho");
        kiosk = app.device("KIOSK", "honcho");
        otherOfficeDisplay = app.device("DISPLAY", "akatsuka");
        staffLogin = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = new Http(app).admin().post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", staffLogin,
                "displayName", "窓口 一郎", "password", PASSWORD, "role", "STAFF", "departments", List.of("koseki-jumin"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void closeStreams() throws IOException {
        for (HttpResponse<InputStream> r : open) {
            r.body().close();
        }
    }

    private HttpResponse<InputStream> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        // Answers as soon as the head arrives; the body stays open as a stream.
        HttpResponse<InputStream> response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(15, TimeUnit.SECONDS);
        open.add(response);
        return response;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertStreaming(HttpResponse<InputStream> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    }

    private static String body(HttpResponse<InputStream> response) throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theStaffScreensKeepTheirStreamWhileTheCrowdIsRefusedOrFillsThePublicStream() throws Exception {
        // More anonymous attempts than the staff stream's cap: all refused, none counted.
        for (int i = 0; i < 25; i++) {
            HttpResponse<InputStream> anonymous = get(EVENTS, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(body(anonymous)).contains("\"code\":\"unauthenticated\"");
        }
        // The public stream is full (its own cap).
        assertStreaming(get(PUBLIC_STREAM, null));
        assertStreaming(get(PUBLIC_STREAM, null));
        assertThat(get(PUBLIC_STREAM, null).statusCode()).isEqualTo(503);

        // The board, the kiosk and a staff member of the office still get theirs.
        assertStreaming(get(EVENTS, bearer(display)));
        assertStreaming(get(EVENTS, bearer(kiosk)));
        assertStreaming(get(EVENTS + "?department=koseki-jumin", basic(staffLogin, PASSWORD)));
    }

    @Test
    void aDeviceFollowsOnlyItsOwnOffice() throws Exception {
        HttpResponse<InputStream> refused = get(EVENTS, bearer(otherOfficeDisplay));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(body(refused)).contains("\"code\":\"not-this-office\"");
        assertStreaming(get("/api/v1/offices/akatsuka/events", bearer(otherOfficeDisplay)));
    }

    @Test
    void oneDeviceCannotTakeTheWholeCap() throws Exception {
        // A device of its own: streams of the other tests may still be open until the next heartbeat.
        String display = app.device("DISPLAY", "honcho");
        assertStreaming(get(EVENTS, bearer(display)));
        assertStreaming(get(EVENTS, bearer(display)));
        HttpResponse<InputStream> third = get(EVENTS, bearer(display));
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(body(third)).contains("\"code\":\"too-many-streams\"");
        // Others are not affected by that device's limit.
        assertStreaming(get(EVENTS, bearer(kiosk)));
    }

    @Test
    void aBoardSeesNumbersCountersAndStatesButNoPeopleOrTickets() throws Exception {
        app.resetReception();
        HttpResponse<InputStream> stream = get(EVENTS, bearer(app.device("DISPLAY", "honcho")));
        assertStreaming(stream);
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        CompletableFuture<String> called = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                boolean next = false;
                while ((line = lines.readLine()) != null) {
                    if (next && line.startsWith("data:")) {
                        return line.substring(5);
                    }
                    next = line.equals("event:called");
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        ReceptionService reception = app.bean(ReceptionService.class);
        Ticket ticket = reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), MANAGER).ticket();
        reception.openCounter("honcho-1", KOSEKI);
        reception.callNext("honcho-1", KOSEKI).orElseThrow();

        JsonNode event = JsonMapper.builder().build().readTree(called.get(15, TimeUnit.SECONDS));
        assertThat(event.propertyNames()).containsExactlyInAnyOrder("id", "at", "type", "officeId", "departmentId",
                "number", "counterId", "status");
        assertThat(event.path("number").asInt()).isEqualTo(ticket.number());
        assertThat(event.toString()).doesNotContain(ticket.publicToken()).doesNotContain(ticket.id().toString());
    }
}

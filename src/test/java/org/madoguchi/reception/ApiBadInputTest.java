package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;

/** Each kind of bad request gets a 4xx problem+json that says, in Japanese, what is wrong, and changes nothing. */
class ApiBadInputTest {

    private final TestApp app = TestApp.shared();
    private final Http admin = new Http(app).admin();
    private long ticketsBefore;
    private long eventsBefore;

    @BeforeEach
    void setUp() {
        app.resetReception();
    }

    private void snapshot() {
        ticketsBefore = count("reception.ticket");
        eventsBefore = count("reception.event");
    }

    private long count(String table) {
        return app.jdbc().sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo(code);
        assertThat(response.json().path("detail").asString()).as("a Japanese explanation")
                .containsPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
        assertThat(count("reception.ticket")).as("no ticket written").isEqualTo(ticketsBefore);
        assertThat(count("reception.event")).as("no event written").isEqualTo(eventsBefore);
    }

    private static String itinerary(String... departments) {
        return Http.json(Map.of("itinerary", java.util.Arrays.stream(departments)
                .map(d -> Map.of("departmentId", d, "procedureIds", List.of())).toList()));
    }

    @Test
    void unknownDepartment() {
        snapshot();
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", itinerary("no-such-department")), 422, "unknown-department");
    }

    @Test
    void departmentOfAnotherOffice() {
        snapshot();
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", itinerary("akatsuka-madoguchi")), 422, "unknown-department");
    }

    @Test
    void emptyItinerary() {
        snapshot();
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", "{\"itinerary\":[]}"), 422, "empty-itinerary");
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", "{}"), 422, "empty-itinerary");
    }

    @Test
    void departmentsThatAreNotLinkedCannotShareATicket() {
        snapshot();
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", itinerary("koseki-jumin", "kazei")), 422,
                "department-not-linked");
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", itinerary("koseki-jumin", "koseki-jumin")), 422,
                "duplicate-department");
    }

    @Test
    void procedureOfAnotherDepartment() {
        snapshot();
        assertProblem(admin.post("/api/v1/offices/honcho/tickets",
                "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\",\"procedureIds\":[\"kokuho-kanyu\"]}]}"), 422,
                "procedure-elsewhere");
        assertProblem(admin.post("/api/v1/offices/honcho/tickets",
                "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\",\"procedureIds\":[\"nothing\"]}]}"), 422,
                "unknown-procedure");
    }

    @Test
    void unknownOfficeAndPriorityClass() {
        snapshot();
        assertProblem(admin.post("/api/v1/offices/nowhere/tickets", itinerary("koseki-jumin")), 404, "unknown-office");
        assertProblem(admin.post("/api/v1/offices/honcho/tickets",
                "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\"}],\"priorityClass\":\"VIP\"}"), 422,
                "unknown-priority-class");
    }

    @Test
    void malformedAndMistypedJson() {
        snapshot();
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", "{\"itinerary\": [{\"departmentId\": "), 400, "malformed-json");
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", "{\"itinerary\": \"koseki\"}"), 400, "malformed-json");
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", null), 400, "malformed-json");
        assertProblem(admin.send(admin.request("/api/v1/offices/honcho/tickets").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("koseki"))), 415, "unsupported-media-type");
    }

    @Test
    void hugeBodiesAreRefusedWhetherAnnouncedOrChunked() {
        snapshot();
        String huge = "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\",\"procedureIds\":[\"" + "x".repeat(200_000) + "\"]}]}";
        assertProblem(admin.post("/api/v1/offices/honcho/tickets", huge), 413, "body-too-large");
        byte[] bytes = huge.getBytes();
        assertProblem(admin.send(admin.request("/api/v1/offices/honcho/tickets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))), 413, "body-too-large");
    }

    @Test
    void callingAtAClosedCounter() {
        admin.post("/api/v1/offices/honcho/tickets", itinerary("koseki-jumin"));
        snapshot();
        assertProblem(admin.post("/api/v1/counters/honcho-2/call-next", null), 409, "counter-closed");
        assertProblem(admin.post("/api/v1/counters/no-such-counter/call-next", null), 404, "unknown-counter");
    }

    @Test
    void operationsInTheWrongState() {
        var ticket = admin.post("/api/v1/offices/honcho/tickets", itinerary("koseki-jumin", "kokuho-nenkin")).json();
        long waiting = ticket.path("visits").get(0).path("id").asLong();
        long pending = ticket.path("visits").get(1).path("id").asLong();
        snapshot();
        assertProblem(admin.post("/api/v1/visits/" + waiting + "/start", null), 409, "wrong-state");
        assertProblem(admin.post("/api/v1/visits/" + waiting + "/complete", null), 409, "wrong-state");
        assertProblem(admin.post("/api/v1/visits/" + pending + "/absent", null), 409, "wrong-state");
        assertProblem(admin.post("/api/v1/visits/" + waiting + "/return", null), 409, "wrong-state");
        assertProblem(admin.post("/api/v1/visits/999999999/complete", null), 404, "unknown-visit");
        assertProblem(admin.post("/api/v1/visits/abc/complete", null), 400, "invalid-parameter");
        assertProblem(admin.get("/api/v1/tickets/not-a-uuid"), 400, "invalid-parameter");

        admin.post("/api/v1/counters/honcho-1/open", null);
        long called = admin.post("/api/v1/counters/honcho-1/call-next", null).json().path("id").asLong();
        assertThat(called).isEqualTo(waiting);
        snapshot();
        assertProblem(admin.post("/api/v1/counters/honcho-1/call-next", null), 409, "counter-busy");
        assertProblem(admin.post("/api/v1/visits/" + called + "/hand-over", "{\"departmentId\":\"kazei\"}"), 422,
                "department-not-linked");
        admin.post("/api/v1/visits/" + called + "/complete", null);
        snapshot();
        assertProblem(admin.post("/api/v1/visits/" + called + "/complete", null), 409, "wrong-state");
    }

    @Test
    void reusingAnIdempotencyKeyForADifferentTicket() {
        Http kiosk = admin.header("Idempotency-Key", "tap-1");
        assertThat(kiosk.post("/api/v1/offices/honcho/tickets", itinerary("koseki-jumin")).status()).isEqualTo(201);
        var replay = kiosk.post("/api/v1/offices/honcho/tickets", itinerary("koseki-jumin"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        snapshot();
        assertProblem(kiosk.post("/api/v1/offices/honcho/tickets", itinerary("kosodate")), 422, "idempotency-key-reused");
        assertProblem(admin.header("Idempotency-Key", "k".repeat(200)).post("/api/v1/offices/honcho/tickets",
                itinerary("koseki-jumin")), 422, "invalid-idempotency-key");
    }

    @Test
    void unknownRoutesAndMethods() {
        snapshot();
        assertProblem(admin.get("/api/v1/nothing-here"), 404, "not-found");
        assertProblem(admin.get("/api/v1/counters/honcho-1/call-next"), 405, "method-not-allowed");
        assertProblem(new Http(app).get("/api/v1/public/tickets/short"), 404, "unknown-ticket");
        assertThat(Set.of(Actor.Role.values())).isNotEmpty();
    }
}

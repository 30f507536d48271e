package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import tools.jackson.databind.JsonNode;

/**
 * Every visit operation is checked per visit and department: a clerk changes only their own departments' visits,
 * a manager the whole ticket; devices and other departments see of a counter only what the board shows.
 */
class VisitAuthorizationTest {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static long kokuhoStaffId;
    private static String displayToken;
    private static String kioskToken;
    private static String otherOfficeDisplay;

    private final TestApp app = TestApp.shared();
    private final Http anonymous = new Http(app);
    private final Http admin = anonymous.admin();
    private final Http koseki = anonymous.basic("authz-koseki-" + SUFFIX, PASSWORD);
    private final Http kosekiColleague = anonymous.basic("authz-koseki2-" + SUFFIX, PASSWORD);
    private final Http kokuho = anonymous.basic("authz-kokuho-" + SUFFIX, PASSWORD);
    private final Http manager = anonymous.basic("authz-manager-" + SUFFIX, PASSWORD);
    private final Http kaigo = anonymous.basic("authz-kaigo-" + SUFFIX, PASSWORD);
    private final Http choju = anonymous.basic("authz-choju-" + SUFFIX, PASSWORD);

    /** 国保年金課 first, then 戸籍住民課: the ticket both departments appear on. */
    private static final String KOKUHO_THEN_KOSEKI = """
            {"itinerary":[{"departmentId":"kokuho-nenkin","procedureIds":["kokuho-kanyu"]},
                          {"departmentId":"koseki-jumin","procedureIds":["tennyu"]}]}""";
    private static final String KOSEKI_THEN_KOKUHO = """
            {"itinerary":[{"departmentId":"koseki-jumin","procedureIds":["tennyu"]},
                          {"departmentId":"kokuho-nenkin","procedureIds":["kokuho-kanyu"]}]}""";

    @BeforeAll
    static void accounts() {
        TestApp app = TestApp.shared();
        Http admin = new Http(app).admin();
        staff(admin, "authz-koseki-", "STAFF", List.of("koseki-jumin"));
        staff(admin, "authz-koseki2-", "STAFF", List.of("koseki-jumin"));
        kokuhoStaffId = staff(admin, "authz-kokuho-", "STAFF", List.of("kokuho-nenkin"));
        staff(admin, "authz-manager-", "MANAGER", List.of());
        staff(admin, "authz-kaigo-", "STAFF", List.of("kaigo"));
        staff(admin, "authz-choju-", "STAFF", List.of("choju"));
        displayToken = app.device("DISPLAY", "honcho");
        kioskToken = app.device("KIOSK", "honcho");
        otherOfficeDisplay = app.device("DISPLAY", "akatsuka");
    }

    private static long staff(Http admin, String login, String role, List<String> departments) {
        Http.Response created = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", login + SUFFIX,
                "displayName", "職員", "password", PASSWORD, "role", role, "departments", departments)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    @BeforeEach
    void reset() {
        app.resetReception();
    }

    // ---------------------------------------------------------------- cancelling and removing

    @Test
    void aClerkCannotCancelATicketWhileAnotherDepartmentIsServingIt() {
        JsonNode ticket = issue(KOKUHO_THEN_KOSEKI);
        long kokuhoVisit = serve(kokuho, "honcho-11");
        assertThat(kokuhoVisit).isEqualTo(visitOf(ticket, "kokuho-nenkin"));

        Http.Response refused = koseki.post("/api/v1/tickets/" + id(ticket) + "/cancel", null);

        assertForbidden(refused, "other-department");
        assertThat(refused.json().path("detail").asString()).contains("国保年金課").contains("対応中");
        assertThat(visitStatus(kokuhoVisit)).isEqualTo("SERVING");
        assertThat(visitStatus(visitOf(ticket, "koseki-jumin"))).isEqualTo("PENDING");
        assertThat(ticketStatus(ticket)).isEqualTo("OPEN");
        assertThat(eventCount("CANCELLED")).isZero();
    }

    @Test
    void aClerkCannotCancelAnotherDepartmentsBookingWithTheWholeTicket() {
        JsonNode ticket = issue(KOSEKI_THEN_KOKUHO);
        long kosekiVisit = serve(koseki, "honcho-1");

        Http.Response refused = koseki.post("/api/v1/tickets/" + id(ticket) + "/cancel", null);

        assertForbidden(refused, "other-department");
        assertThat(visitStatus(kosekiVisit)).isEqualTo("SERVING");
        assertThat(visitStatus(visitOf(ticket, "kokuho-nenkin"))).isEqualTo("PENDING");
        assertThat(ticketStatus(ticket)).isEqualTo("OPEN");
    }

    @Test
    void aClerkCannotRemoveAnotherDepartmentsVisitFromASharedTicket() {
        JsonNode ticket = issue(KOSEKI_THEN_KOKUHO);
        long kokuhoVisit = visitOf(ticket, "kokuho-nenkin");

        assertForbidden(koseki.post("/api/v1/visits/" + kokuhoVisit + "/remove", null), "other-department");
        assertThat(visitStatus(kokuhoVisit)).isEqualTo("PENDING");
        assertThat(eventCount("VISIT_REMOVED")).isZero();

        // 国保年金課 itself may take its own booking off the itinerary.
        assertThat(kokuho.post("/api/v1/visits/" + kokuhoVisit + "/remove", null).status()).isEqualTo(200);
        assertThat(visitStatus(kokuhoVisit)).isEqualTo("CANCELLED");
    }

    @Test
    void aClerkStillCancelsATicketThatIsOnlyTheirOwnDepartments() {
        JsonNode ticket = issue("{\"itinerary\":[{\"departmentId\":\"koseki-jumin\"}]}");
        serve(koseki, "honcho-1");
        Http.Response cancelled = koseki.post("/api/v1/tickets/" + id(ticket) + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(ticketStatus(ticket)).isEqualTo("CANCELLED");
    }

    @Test
    void aManagerMayStillActOnTheWholeTicket() {
        JsonNode ticket = issue(KOKUHO_THEN_KOSEKI);
        long kokuhoVisit = serve(kokuho, "honcho-11");
        long kosekiVisit = visitOf(ticket, "koseki-jumin");

        assertThat(manager.post("/api/v1/visits/" + kosekiVisit + "/remove", null).status()).isEqualTo(200);
        Http.Response cancelled = manager.post("/api/v1/tickets/" + id(ticket) + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        assertThat(visitStatus(kokuhoVisit)).isEqualTo("CANCELLED");
        assertThat(visitStatus(kosekiVisit)).isEqualTo("CANCELLED");
        assertThat(ticketStatus(ticket)).isEqualTo("CANCELLED");
    }

    // ---------------------------------------------------------------- other changes to a ticket

    @Test
    void aClerkAddsDepartmentsOnlyWhileTheirOwnVisitIsStillOpen() {
        JsonNode ticket = issue(KOSEKI_THEN_KOKUHO);
        long kosekiVisit = serve(koseki, "honcho-1");
        assertThat(koseki.post("/api/v1/visits/" + kosekiVisit + "/complete", null).status()).isEqualTo(200);

        String kosodate = "{\"departmentId\":\"kosodate\",\"procedureIds\":[]}";
        assertForbidden(koseki.post("/api/v1/tickets/" + id(ticket) + "/visits", kosodate), "other-department");
        assertThat(visitCount(ticket, "kosodate")).isZero();

        // 国保年金課 now has the visitor and may add to the itinerary.
        assertThat(kokuho.post("/api/v1/tickets/" + id(ticket) + "/visits", kosodate).status()).isEqualTo(200);
        assertThat(visitCount(ticket, "kosodate")).isOne();
    }

    @Test
    void visitOperationsOfAnotherDepartmentAreRefusedToClerksAndDevices() {
        JsonNode ticket = issue(KOKUHO_THEN_KOSEKI);
        kokuho.post("/api/v1/counters/honcho-11/open", null);
        long visit = kokuho.post("/api/v1/counters/honcho-11/call-next", null).json().path("id").asLong();
        for (Http who : List.of(koseki, anonymous.bearer(kioskToken), anonymous.bearer(displayToken))) {
            for (String op : List.of("recall", "absent", "return", "start", "complete")) {
                assertThat(who.post("/api/v1/visits/" + visit + "/" + op, null).status()).as(op).isEqualTo(403);
            }
            assertThat(who.post("/api/v1/visits/" + visit + "/hand-over", "{\"departmentId\":\"kosodate\",\"procedureIds\":[]}").status())
                    .isEqualTo(403);
            assertThat(who.post("/api/v1/tickets/" + id(ticket) + "/cancel", null).status()).isEqualTo(403);
        }
        assertThat(visitStatus(visit)).isEqualTo("CALLED");
        assertThat(ticketStatus(ticket)).isEqualTo("OPEN");
    }

    // ---------------------------------------------------------------- reading tickets and counters

    @Test
    void aClerkReadsOnlyTicketsWithAVisitOfTheirDepartments() {
        JsonNode foreign = issue("{\"itinerary\":[{\"departmentId\":\"kokuho-nenkin\",\"procedureIds\":[\"kokuho-kanyu\"]}]}");
        assertForbidden(koseki.get("/api/v1/tickets/" + id(foreign)), "other-department");
        assertForbidden(anonymous.bearer(displayToken).get("/api/v1/tickets/" + id(foreign)), "forbidden");
        assertThat(manager.get("/api/v1/tickets/" + id(foreign)).status()).isEqualTo(200);

        // On a shared ticket the clerk sees the whole itinerary: they may hand the visitor over along it.
        JsonNode shared = issue(KOSEKI_THEN_KOKUHO);
        Http.Response seen = koseki.get("/api/v1/tickets/" + id(shared));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(procedures(seen.json(), "kokuho-nenkin")).containsExactly("kokuho-kanyu");
    }

    @Test
    void devicesSeeOfACounterOnlyWhetherItIsOpenAndTheNumberCalled() {
        JsonNode ticket = issue(KOKUHO_THEN_KOSEKI);
        serve(kokuho, "honcho-11");
        for (String token : List.of(displayToken, kioskToken)) {
            Http.Response seen = anonymous.bearer(token).get("/api/v1/counters/honcho-11");
            assertThat(seen.status()).isEqualTo(200);
            assertBoardViewOnly(seen, ticket);
        }
        assertForbidden(anonymous.bearer(otherOfficeDisplay).get("/api/v1/counters/honcho-11"), "wrong-office");
    }

    @Test
    void staffOfOtherDepartmentsSeeACounterAsTheBoardDoesWhileItsOwnStaffSeeAll() {
        JsonNode ticket = issue(KOKUHO_THEN_KOSEKI);
        serve(kokuho, "honcho-11");

        Http.Response other = koseki.get("/api/v1/counters/honcho-11");
        assertThat(other.status()).isEqualTo(200);
        assertBoardViewOnly(other, ticket);

        // The console of the department serving the visit needs the ticket to show the itinerary.
        for (Http who : List.of(kokuho, manager)) {
            JsonNode own = who.get("/api/v1/counters/honcho-11").json();
            assertThat(own.path("currentTicketId").asString()).isEqualTo(id(ticket));
            assertThat(own.path("staffId").asLong()).isEqualTo(kokuhoStaffId);
            assertThat(own.path("current").path("procedureIds").get(0).asString()).isEqualTo("kokuho-kanyu");
        }
    }

    @Test
    void aColleagueAtASharedCounterSeesWhichDepartmentHasTheVisitorButNotTheTicket() {
        JsonNode ticket = issue("{\"itinerary\":[{\"departmentId\":\"kaigo\",\"procedureIds\":[\"kaigo-nintei\"]}]}");
        serve(kaigo, "honcho-31");
        // 長寿社会推進課 takes the seat of the shared 高齢者総合相談窓口 in turn.
        assertThat(choju.post("/api/v1/counters/honcho-31/open", null).status()).isEqualTo(200);

        Http.Response seen = choju.get("/api/v1/counters/honcho-31");
        assertThat(seen.json().path("current").path("departmentId").asString()).isEqualTo("kaigo");
        assertThat(seen.json().path("current").path("procedureIds").isEmpty()).isTrue();
        assertThat(blank(seen.json().path("currentTicketId"))).isTrue();
        assertThat(seen.body()).doesNotContain(id(ticket)).doesNotContain("kaigo-nintei");
        assertThat(kaigo.get("/api/v1/counters/honcho-31").json().path("currentTicketId").asString()).isEqualTo(id(ticket));
    }

    // ---------------------------------------------------------------- counters and the day

    @Test
    void aClerkClosesOnlyTheCounterTheyOpened() {
        assertThat(koseki.post("/api/v1/counters/honcho-1/open", null).status()).isEqualTo(200);

        assertForbidden(kosekiColleague.post("/api/v1/counters/honcho-1/close", null), "counter-held-by-other");
        assertThat(app.jdbc().sql("SELECT open_staff_id IS NOT NULL FROM reception.counter WHERE id = 'honcho-1'")
                .query(Boolean.class).single()).isTrue();

        assertThat(manager.post("/api/v1/counters/honcho-1/close", null).status()).isEqualTo(200);
        assertThat(app.jdbc().sql("SELECT open_staff_id IS NULL FROM reception.counter WHERE id = 'honcho-1'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void devicesCannotReadTheDayClosings() {
        assertForbidden(anonymous.bearer(displayToken).get("/api/v1/offices/honcho/day-closings"), "forbidden");
        assertForbidden(anonymous.bearer(kioskToken).get("/api/v1/offices/honcho/day-closings"), "forbidden");
        assertThat(koseki.get("/api/v1/offices/honcho/day-closings").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    private void assertBoardViewOnly(Http.Response seen, JsonNode ticket) {
        JsonNode json = seen.json();
        assertThat(json.path("open").asBoolean()).isTrue();
        assertThat(json.path("currentNumber").asInt()).isEqualTo(ticket.path("number").asInt());
        assertThat(blank(json.path("currentTicketId"))).as("ticket id").isTrue();
        assertThat(blank(json.path("staffId"))).as("staff id").isTrue();
        assertThat(blank(json.path("current"))).as("visit details").isTrue();
        assertThat(seen.body()).doesNotContain(id(ticket)).doesNotContain("kokuho-kanyu");
    }

    private static boolean blank(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static void assertForbidden(Http.Response response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo(code);
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    private JsonNode issue(String itinerary) {
        Http.Response issued = admin.post("/api/v1/offices/honcho/tickets", itinerary);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json();
    }

    /** Opens the counter, calls the next visitor and starts serving them; returns the visit id. */
    private static long serve(Http clerk, String counterId) {
        assertThat(clerk.post("/api/v1/counters/" + counterId + "/open", null).status()).isEqualTo(200);
        Http.Response called = clerk.post("/api/v1/counters/" + counterId + "/call-next", null);
        assertThat(called.status()).as(called.body()).isEqualTo(200);
        long visit = called.json().path("id").asLong();
        assertThat(clerk.post("/api/v1/visits/" + visit + "/start", null).status()).isEqualTo(200);
        return visit;
    }

    private static String id(JsonNode ticket) {
        return ticket.path("id").asString();
    }

    private static long visitOf(JsonNode ticket, String departmentId) {
        for (JsonNode visit : ticket.path("visits")) {
            if (visit.path("departmentId").asString().equals(departmentId)) {
                return visit.path("id").asLong();
            }
        }
        throw new AssertionError("no visit of " + departmentId);
    }

    private static List<String> procedures(JsonNode ticket, String departmentId) {
        for (JsonNode visit : ticket.path("visits")) {
            if (visit.path("departmentId").asString().equals(departmentId)) {
                List<String> ids = new java.util.ArrayList<>();
                visit.path("procedureIds").forEach(p -> ids.add(p.asString()));
                return ids;
            }
        }
        throw new AssertionError("no visit of " + departmentId);
    }

    private String visitStatus(long visitId) {
        return app.jdbc().sql("SELECT status FROM reception.visit WHERE id = :id").param("id", visitId)
                .query(String.class).single();
    }

    private String ticketStatus(JsonNode ticket) {
        return app.jdbc().sql("SELECT status FROM reception.ticket WHERE id = :id").param("id", UUID.fromString(id(ticket)))
                .query(String.class).single();
    }

    private long visitCount(JsonNode ticket, String departmentId) {
        return app.jdbc().sql("SELECT count(*) FROM reception.visit WHERE ticket_id = :t AND department_id = :d")
                .param("t", UUID.fromString(id(ticket))).param("d", departmentId).query(Long.class).single();
    }

    private long eventCount(String type) {
        return app.jdbc().sql("SELECT count(*) FROM reception.event WHERE type = :t").param("t", type)
                .query(Long.class).single();
    }
}

package org.madoguchi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.security.Accounts;

/** Each role may do what its job needs and nothing more; public endpoints reveal no personal data. */
class SecurityBoundaryTest {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static String kioskToken;
    private static String displayToken;
    private static String otherOfficeKiosk;
    private static long kosekiStaffId;

    private final TestApp app = TestApp.shared();
    private final Http anonymous = new Http(app);
    private final Http admin = anonymous.admin();
    private final Http koseki = anonymous.basic("koseki-" + SUFFIX, PASSWORD);
    private final Http kokuho = anonymous.basic("kokuho-" + SUFFIX, PASSWORD);
    private final Http manager = anonymous.basic("manager-" + SUFFIX, PASSWORD);

    @BeforeAll
    static void accounts() {
        Http admin = new Http(TestApp.shared()).admin();
        var created = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", "koseki-" + SUFFIX,
                "displayName", "戸籍 太郎", "password", PASSWORD, "role", "STAFF", "departments", List.of("koseki-jumin"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        kosekiStaffId = created.json().path("id").asLong();
        assertThat(admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", "kokuho-" + SUFFIX, "displayName", "国保 花子",
                "password", PASSWORD, "role", "STAFF", "departments", List.of("kokuho-nenkin")))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", "manager-" + SUFFIX, "displayName", "課長",
                "password", PASSWORD, "role", "MANAGER", "departments", List.of()))).status()).isEqualTo(201);
        kioskToken = admin.post("/api/v1/admin/devices", Http.json(Map.of("name", "1階発券機", "kind", "KIOSK",
                "officeId", "honcho"))).json().path("token").asString();
        displayToken = admin.post("/api/v1/admin/devices", Http.json(Map.of("name", "1階モニター", "kind", "DISPLAY",
                "officeId", "honcho"))).json().path("token").asString();
        otherOfficeKiosk = admin.post("/api/v1/admin/devices", Http.json(Map.of("name", "赤塚発券機", "kind", "KIOSK",
                "officeId", "akatsuka"))).json().path("token").asString();
    }

    @BeforeEach
    void reset() {
        app.resetReception();
    }

    private static final String KOSEKI_TICKET = "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\"}]}";
    private static final String KOKUHO_TICKET = "{\"itinerary\":[{\"departmentId\":\"kokuho-nenkin\"}]}";

    @Test
    void withoutCredentialsOnlyPublicInformationIsAvailable() {
        Http.Response refused = anonymous.post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.post("/api/v1/counters/honcho-1/call-next", null).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/departments/koseki-jumin/queue").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/admin/staff").status()).isEqualTo(401);
        assertThat(anonymous.basic("admin", "wrong-password").get("/api/v1/admin/staff").status()).isEqualTo(401);

        assertThat(anonymous.get("/api/v1/offices").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/offices/honcho/floor").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/offices/honcho/summary").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void thePublicTicketPageShowsNoIdsNamesOrProcedures() {
        var issued = koseki.post("/api/v1/offices/honcho/tickets",
                "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\",\"procedureIds\":[\"tennyu\"]},{\"departmentId\":\"kokuho-nenkin\"}]}").json();
        String token = issued.path("publicToken").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        Http.Response status = anonymous.get("/api/v1/public/tickets/" + token);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("number").asInt()).isEqualTo(issued.path("number").asInt());
        assertThat(status.json().path("steps").get(0).path("position").asInt()).isZero();
        assertThat(status.body()).doesNotContain(issued.path("id").asString()).doesNotContain("tennyu")
                .doesNotContain("転入").doesNotContain(token);
        // A public summary lists numbers and counters only.
        assertThat(anonymous.get("/api/v1/offices/honcho/summary").body()).doesNotContain(token)
                .doesNotContain(issued.path("id").asString());
    }

    @Test
    void counterStaffServeOnlyTheirOwnDepartments() {
        assertThat(koseki.post("/api/v1/offices/honcho/tickets", KOKUHO_TICKET).status()).isEqualTo(201);
        assertThat(koseki.post("/api/v1/counters/honcho-11/open", null).status()).isEqualTo(403);
        assertThat(koseki.post("/api/v1/counters/honcho-11/call-next", null).status()).isEqualTo(403);
        assertThat(koseki.get("/api/v1/departments/kokuho-nenkin/queue").status()).isEqualTo(403);
        assertThat(kokuho.post("/api/v1/counters/honcho-11/open", null).status()).isEqualTo(200);
        long visit = kokuho.post("/api/v1/counters/honcho-11/call-next", null).json().path("id").asLong();
        Http.Response foreign = koseki.post("/api/v1/visits/" + visit + "/complete", null);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().path("code").asString()).isEqualTo("other-department");
        assertThat(kokuho.post("/api/v1/visits/" + visit + "/complete", null).status()).isEqualTo(200);

        assertThat(koseki.get("/api/v1/admin/staff").status()).isEqualTo(403);
        assertThat(koseki.post("/api/v1/offices/honcho/close-day", null).status()).isEqualTo(403);
        assertThat(manager.get("/api/v1/admin/staff").status()).isEqualTo(403);
    }

    @Test
    void everyStaffActionIsInTheEventLogWithItsStaffMember() {
        koseki.post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET);
        koseki.post("/api/v1/counters/honcho-1/open", null);
        long visit = koseki.post("/api/v1/counters/honcho-1/call-next", null).json().path("id").asLong();
        koseki.post("/api/v1/visits/" + visit + "/start", null);
        koseki.post("/api/v1/visits/" + visit + "/complete", null);
        List<Map<String, Object>> events = app.jdbc().sql(
                "SELECT type, staff_id, counter_id, department_id FROM reception.event ORDER BY id").query().listOfRows();
        assertThat(events).extracting(e -> e.get("type"))
                .containsExactly("ISSUED", "QUEUED", "COUNTER_OPENED", "CALLED", "STARTED", "COMPLETED");
        assertThat(events).allSatisfy(e -> assertThat(e.get("staff_id")).isEqualTo(kosekiStaffId));
        assertThat(events.get(3)).containsEntry("counter_id", "honcho-1").containsEntry("department_id", "koseki-jumin");
    }

    @Test
    void kioskAndDisplayDevicesHaveTheirOwnNarrowRights() {
        Http kiosk = anonymous.bearer(kioskToken);
        Http.Response issued = kiosk.post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET);
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().path("channel").asString()).isEqualTo("KIOSK");
        assertThat(anonymous.bearer(otherOfficeKiosk).post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET).status())
                .isEqualTo(403);
        assertThat(kiosk.post("/api/v1/counters/honcho-1/open", null).status()).isEqualTo(403);
        assertThat(kiosk.post("/api/v1/counters/honcho-1/call-next", null).status()).isEqualTo(403);
        assertThat(kiosk.get("/api/v1/tickets/" + issued.json().path("id").asString()).status()).isEqualTo(403);
        assertThat(kiosk.get("/api/v1/admin/staff").status()).isEqualTo(403);

        Http display = anonymous.bearer(displayToken);
        assertThat(display.post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET).status()).isEqualTo(403);
        assertThat(display.get("/api/v1/offices/honcho/summary").status()).isEqualTo(200);
        assertThat(anonymous.bearer("dev_forged-token").post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET).status())
                .isEqualTo(401);
        // Only the token's hash is stored.
        assertThat(app.jdbc().sql("SELECT count(*) FROM platform.device WHERE token_hash = :t").param("t", kioskToken)
                .query(Long.class).single()).isZero();
    }

    @Test
    void staffApiTokensActAsTheirStaffMemberOnly() {
        Http.Response created = koseki.post("/api/v1/staff/me/tokens", "{\"name\":\"窓口スクリプト\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().path("token").asString();
        assertThat(token).startsWith("stf_");
        Http script = anonymous.bearer(token);
        assertThat(script.get("/api/v1/departments/koseki-jumin/queue").status()).isEqualTo(200);
        assertThat(script.get("/api/v1/departments/kokuho-nenkin/queue").status()).isEqualTo(403);
        assertThat(script.post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET).status()).as("no CSRF needed").isEqualTo(201);
        assertThat(script.get("/api/v1/admin/staff").status()).isEqualTo(403);
        assertThat(anonymous.bearer("stf_forged").get("/api/v1/departments/koseki-jumin/queue").status()).isEqualTo(401);
        assertThat(anonymous.bearer(kioskToken).post("/api/v1/staff/me/tokens", "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(app.jdbc().sql("SELECT count(*) FROM platform.staff_token WHERE token_hash = :t").param("t", token)
                .query(Long.class).single()).as("only the hash is stored").isZero();
    }

    @Test
    void administrativeActionsAreAudited() {
        long adminId = app.jdbc().sql("SELECT id FROM platform.staff WHERE login = 'admin'").query(Long.class).single();
        List<Map<String, Object>> rows = app.jdbc().sql("""
                        SELECT actor_staff_id, action, target FROM platform.audit_log
                        WHERE target LIKE :login OR action = 'DEVICE_REGISTERED' ORDER BY id""")
                .param("login", "%koseki-" + SUFFIX + "%").query().listOfRows();
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("action", "STAFF_CREATED")
                .containsEntry("actor_staff_id", adminId));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("action", "DEVICE_REGISTERED"));
        assertThat(app.jdbc().sql("SELECT string_agg(target, ' ') FROM platform.audit_log").query(String.class).single())
                .doesNotContain(PASSWORD).doesNotContain(kioskToken);
    }

    @Test
    void passwordsAreStoredAsModernHashes() {
        String hash = app.jdbc().sql("SELECT password_hash FROM platform.staff WHERE login = :l")
                .param("l", "koseki-" + SUFFIX).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
        assertThat(app.bean(Accounts.class).listStaff()).extracting(Accounts.StaffAccount::login).contains("admin");
        Http.Response weak = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", "weak-" + SUFFIX,
                "displayName", "x", "password", "short", "role", "STAFF", "departments", List.of("koseki-jumin"))));
        assertThat(weak.status()).isEqualTo(400);
        Http.Response unknownDepartment = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", "x-" + SUFFIX,
                "displayName", "x", "password", PASSWORD, "role", "STAFF", "departments", List.of("nowhere"))));
        assertThat(unknownDepartment.status()).isEqualTo(422);
    }

    @Test
    void browserSessionsNeedACsrfTokenAndGetSecureHeaders() {
        Http.Response login = anonymous.get("/login");
        String cookie = login.cookies();
        java.util.regex.Matcher hidden = java.util.regex.Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(login.body());
        assertThat(hidden.find()).as("the login form carries a CSRF token").isTrue();
        String csrf = hidden.group(1);
        Http.Response signedIn = anonymous.send(anonymous.request("/login").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=koseki-" + SUFFIX + "&password=" + PASSWORD + "&_csrf=" + csrf)));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("error");
        String session = signedIn.cookies();
        assertThat(signedIn.raw().headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("SESSION="))
                .singleElement().satisfies(c -> assertThat(c).containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict"));

        Http browser = anonymous.header("Cookie", session);
        assertThat(browser.get("/api/v1/departments/koseki-jumin/queue").status()).isEqualTo(200);
        Http.Response forged = browser.post("/api/v1/offices/honcho/tickets", KOSEKI_TICKET);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().path("code").asString()).isEqualTo("csrf");

        // A form posted without its token (left open too long, say) gets an explanation, not a bare error.
        Http.Response stale = anonymous.send(anonymous.request("/devices/pair")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=dev_x")));
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body()).contains("有効期限が切れました");

        Http.Response any = anonymous.get("/api/v1/offices/honcho/summary");
        assertThat(any.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(any.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(any.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(Set.of(session)).isNotEmpty();
    }
}

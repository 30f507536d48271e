package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** Finding 6: passwords can be changed and reset, accounts disabled, tokens and devices revoked, sessions ended. */
class AccountLifecycleTest {

    private static final String FIRST = "first-password-given-1";
    private static final String OWN = "my own pass phrase 2";

    private final TestApp app = TestApp.shared();
    private final Http admin = new Http(app).admin();

    private record Created(long id, String login) {
    }

    private Created staff(Boolean mustChange) {
        String login = "life-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("login", login, "displayName", "職員 " + login,
                "password", FIRST, "role", "STAFF", "departments", List.of("koseki-jumin")));
        if (mustChange != null) {
            body.put("mustChangePassword", mustChange);
        }
        Http.Response created = admin.post("/api/v1/admin/staff", Http.json(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Created(created.json().path("id").asLong(), login);
    }

    private List<String> auditActions() {
        return app.jdbc().sql("SELECT action || ' ' || target FROM platform.audit_log ORDER BY id DESC LIMIT 50")
                .query(String.class).list();
    }

    @Test
    void aPasswordChosenByTheAdministratorMustBeReplacedBeforeAnythingElse() {
        Created clerk = staff(null);
        Http first = new Http(app).basic(clerk.login(), FIRST);

        Http.Response blocked = first.get("/api/v1/departments/koseki-jumin/queue");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().path("code").asString()).isEqualTo("password-change-required");
        assertThat(first.get("/api/v1/staff/me").json().path("mustChangePassword").asBoolean()).isTrue();

        Http.Response weak = first.post("/api/v1/staff/me/password",
                Http.json(Map.of("currentPassword", FIRST, "newPassword", "short")));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().path("detail").asString()).contains("文字");
        Http.Response wrongCurrent = first.post("/api/v1/staff/me/password",
                Http.json(Map.of("currentPassword", "not-the-password", "newPassword", OWN)));
        assertThat(wrongCurrent.json().path("code").asString()).isEqualTo("wrong-current-password");

        Http.Response changed = first.post("/api/v1/staff/me/password",
                Http.json(Map.of("currentPassword", FIRST, "newPassword", OWN)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(first.get("/api/v1/staff/me").status()).as("the old password is gone").isEqualTo(401);
        Http own = new Http(app).basic(clerk.login(), OWN);
        assertThat(own.get("/api/v1/staff/me").json().path("mustChangePassword").asBoolean()).isFalse();
        assertThat(own.get("/api/v1/departments/koseki-jumin/queue").status()).isNotIn(401, 403);
        assertThat(auditActions()).anyMatch(a -> a.startsWith("PASSWORD_CHANGED staff " + clerk.id()));
    }

    @Test
    void aDisabledAccountIsOutAtOnceEvenWithAnOpenSessionAndItsTokens() throws Exception {
        Created clerk = staff(false);
        FormSession browser = new FormSession(app);
        browser.signIn(clerk.login(), FIRST);
        assertThat(browser.get("/console").statusCode()).isEqualTo(200);
        String token = new Http(app).basic(clerk.login(), FIRST).post("/api/v1/staff/me/tokens",
                Http.json(Map.of("name", "script"))).json().path("token").asString();

        assertThat(admin.post("/api/v1/admin/staff/" + clerk.id() + "/disable", null).status()).isEqualTo(204);

        assertThat(browser.get("/console").statusCode()).as("the session ended").isEqualTo(302);
        assertThat(new Http(app).bearer(token).get("/api/v1/staff/me").status()).isEqualTo(401);
        assertThat(new Http(app).basic(clerk.login(), FIRST).get("/api/v1/staff/me").status()).isEqualTo(401);
        assertThat(auditActions()).anyMatch(a -> a.startsWith("STAFF_DISABLED staff " + clerk.id()));

        assertThat(admin.post("/api/v1/admin/staff/" + clerk.id() + "/enable", null).status()).isEqualTo(204);
        assertThat(new Http(app).basic(clerk.login(), FIRST).get("/api/v1/staff/me").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorCannotLockThemselvesOut() {
        long adminId = admin.get("/api/v1/staff/me").json().path("id").asLong();
        Http.Response refused = admin.post("/api/v1/admin/staff/" + adminId + "/disable", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("own-account");
    }

    @Test
    void aResetGivesATemporaryPasswordThatOnlyAllowsChoosingANewOne() {
        Created clerk = staff(false);
        Http.Response reset = admin.post("/api/v1/admin/staff/" + clerk.id() + "/password-reset", null);
        assertThat(reset.status()).isEqualTo(200);
        String temporary = reset.json().path("temporaryPassword").asString();
        assertThat(temporary).hasSize(16);

        assertThat(new Http(app).basic(clerk.login(), FIRST).get("/api/v1/staff/me").status()).isEqualTo(401);
        Http withTemporary = new Http(app).basic(clerk.login(), temporary);
        assertThat(withTemporary.get("/api/v1/departments/koseki-jumin/queue").json().path("code").asString())
                .isEqualTo("password-change-required");
        assertThat(withTemporary.post("/api/v1/staff/me/password",
                Http.json(Map.of("currentPassword", temporary, "newPassword", OWN))).status()).isEqualTo(204);
        assertThat(auditActions()).anyMatch(a -> a.startsWith("PASSWORD_RESET staff " + clerk.id()));
        assertThat(auditActions()).noneMatch(a -> a.contains(temporary));
    }

    @Test
    void staffRevokeTheirOwnTokensAndAdministratorsAnyToken() {
        Created clerk = staff(false);
        Http password = new Http(app).basic(clerk.login(), FIRST);
        Http.Response first = password.post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "one")));
        Http.Response second = password.post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "two")));
        String firstToken = first.json().path("token").asString();
        String secondToken = second.json().path("token").asString();
        assertThat(new Http(app).bearer(firstToken).get("/api/v1/staff/me").status()).isEqualTo(200);

        assertThat(password.send(password.request("/api/v1/staff/me/tokens/" + first.json().path("id").asLong())
                .DELETE()).status()).isEqualTo(204);
        assertThat(new Http(app).bearer(firstToken).get("/api/v1/staff/me").status()).isEqualTo(401);
        assertThat(password.get("/api/v1/staff/me/tokens").json().get(0).path("revoked").asBoolean()).isTrue();

        assertThat(admin.post("/api/v1/admin/tokens/" + second.json().path("id").asLong() + "/revoke", null).status())
                .isEqualTo(204);
        assertThat(new Http(app).bearer(secondToken).get("/api/v1/staff/me").status()).isEqualTo(401);
        assertThat(auditActions()).anyMatch(a -> a.startsWith("STAFF_TOKEN_REVOKED token " + second.json().path("id").asLong()));
    }

    @Test
    void aRevokedDeviceStopsAtOnceAndItsPairedBrowserToo() throws Exception {
        String token = app.device("DISPLAY", "honcho");
        FormSession board = new FormSession(app);
        HttpResponse<String> paired = board.post("/devices/pair", "/devices/pair", Map.of("token", token));
        assertThat(paired.statusCode()).isEqualTo(302);
        String cookie = paired.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("madoguchi_device=")).findFirst().orElseThrow();
        assertThat(cookie).as("a paired browser stays paired for weeks, not a year").contains("Max-Age=2592000");
        assertThat(board.get("/board").statusCode()).isEqualTo(200);

        long deviceId = admin.get("/api/v1/admin/devices").json().valueStream()
                .filter(d -> d.path("enabled").asBoolean()).mapToLong(d -> d.path("id").asLong()).max().orElseThrow();
        assertThat(admin.post("/api/v1/admin/devices/" + deviceId + "/revoke", null).status()).isEqualTo(204);

        assertThat(new Http(app).bearer(token).get("/api/v1/departments/koseki-jumin/queue").status()).isEqualTo(401);
        assertThat(board.get("/board").statusCode()).as("sent back to pairing").isEqualTo(302);
        assertThat(auditActions()).anyMatch(a -> a.equals("DEVICE_REVOKED device " + deviceId));
    }

    @Test
    void staffSeeAndEndTheirOwnSessions() throws Exception {
        Created clerk = staff(false);
        FormSession elsewhere = new FormSession(app);
        elsewhere.signIn(clerk.login(), FIRST);
        assertThat(elsewhere.get("/console").statusCode()).isEqualTo(200);
        Http api = new Http(app).basic(clerk.login(), FIRST);

        var sessions = api.get("/api/v1/staff/me/sessions").json();
        assertThat(sessions.size()).isEqualTo(1);
        String id = sessions.get(0).path("id").asString();
        assertThat(id).isNotEqualTo(elsewhere.cookie("SESSION"));
        assertThat(api.send(api.request("/api/v1/staff/me/sessions/" + id).DELETE()).status()).isEqualTo(204);

        assertThat(elsewhere.get("/console").statusCode()).isEqualTo(302);
        assertThat(admin.get("/api/v1/admin/sessions").json().valueStream()
                .noneMatch(s -> s.path("login").asString().equals(clerk.login()))).isTrue();
    }

    @Test
    void theSessionTableHoldsNoPasswordHash() throws Exception {
        Created clerk = staff(false);
        FormSession browser = new FormSession(app);
        browser.signIn(clerk.login(), FIRST);
        assertThat(browser.get("/console").statusCode()).isEqualTo(200);

        List<byte[]> stored = app.jdbc().sql("""
                        SELECT a.attribute_bytes FROM platform.spring_session_attributes a
                        JOIN platform.spring_session s ON s.primary_id = a.session_primary_id
                        WHERE s.principal_name = :login""").param("login", clerk.login()).query(byte[].class).list();
        assertThat(stored).isNotEmpty();
        String hash = app.jdbc().sql("SELECT password_hash FROM platform.staff WHERE id = :id").param("id", clerk.id())
                .query(String.class).single();
        for (byte[] bytes : stored) {
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(hash.substring(hash.indexOf('}') + 1)).doesNotContain("{bcrypt}");
        }
    }
}

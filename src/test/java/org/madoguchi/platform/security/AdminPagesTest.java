package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import tools.jackson.databind.JsonNode;

/** /admin as an administrator uses it in a browser: plain forms, the same services and audit log as the API. */
class AdminPagesTest {

    private static final String FIRST = "first-password-given-1";
    private static final String WARNING = "この画面を離れると二度と表示されません";
    private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*>([^<]+)<");

    private final TestApp app = TestApp.shared();
    private final Http adminApi = new Http(app).admin();

    private FormSession admin() throws Exception {
        FormSession admin = new FormSession(app);
        admin.signIn("admin", TestApp.ADMIN_PASSWORD);
        return admin;
    }

    private static String login() {
        return "page-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A clerk created through the API, whose password is final. */
    private long clerk(String login) {
        Http.Response created = adminApi.post("/api/v1/admin/staff", Http.json(Map.of("login", login,
                "displayName", "職員 " + login, "password", FIRST, "role", "STAFF",
                "departments", List.of("koseki-jumin"), "mustChangePassword", false)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private List<String> auditActions() {
        return app.jdbc().sql("SELECT action || ' ' || target FROM platform.audit_log ORDER BY id DESC LIMIT 50")
                .query(String.class).list();
    }

    private static String secret(HttpResponse<String> page) {
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    private static List<Map.Entry<String, String>> newStaff(String login, String password, String... extra) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(Map.entry("login", login),
                Map.entry("displayName", "山田 太郎"), Map.entry("password", password), Map.entry("role", "STAFF")));
        for (int i = 0; i < extra.length; i += 2) {
            fields.add(Map.entry(extra[i], extra[i + 1]));
        }
        return fields;
    }

    @Test
    void anAccountCreatedWithTheFormSignsInAndMustChooseItsOwnPassword() throws Exception {
        FormSession admin = admin();
        String login = login();
        HttpResponse<String> created = admin.post("/admin", "/admin/staff", newStaff(login, FIRST,
                "departments", "koseki-jumin", "departments", "kokuho-nenkin", "mustChangePassword", "true"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin").doesNotContain(FIRST);
        String page = admin.get("/admin").body();
        assertThat(page).contains("職員アカウント「" + login + "」を作成しました。").contains("戸籍住民課、国保年金課");
        assertThat(admin.get("/admin").body()).as("the message is shown once").doesNotContain("を作成しました。");
        assertThat(auditActions()).anyMatch(a -> a.equals("STAFF_CREATED staff " + adminApi.get("/api/v1/admin/staff")
                .json().valueStream().filter(s -> s.path("login").asString().equals(login)).findFirst().orElseThrow()
                .path("id").asLong() + " (" + login + ", STAFF, kokuho-nenkin/koseki-jumin)"));

        FormSession person = new FormSession(app);
        assertThat(person.signIn(login, FIRST).headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        HttpResponse<String> console = person.get("/console");
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/account/password");
    }

    @Test
    void anUncheckedBoxMeansThePasswordIsFinal() throws Exception {
        String login = login();
        assertThat(admin().post("/admin", "/admin/staff", newStaff(login, FIRST, "departments", "koseki-jumin"))
                .statusCode()).isEqualTo(302);
        FormSession person = new FormSession(app);
        person.signIn(login, FIRST);
        assertThat(person.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedFormSaysWhyInJapaneseAndKeepsWhatWasTypedButThePassword() throws Exception {
        FormSession admin = admin();
        HttpResponse<String> invalid = admin.post("/admin", "/admin/staff",
                newStaff("Bad Login", "short-pass", "departments", "koseki-jumin"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("入力に誤りがあります").contains("職員ID（英小文字・数字・._- の 3〜64 文字）")
                .contains("初期パスワード（12〜128 文字）").contains("value=\"Bad Login\"").contains("value=\"山田 太郎\"")
                .doesNotContain("short-pass");
        assertThat(invalid.body()).as("the department stays ticked").containsPattern("value=\"koseki-jumin\"\\s+checked");

        String login = login();
        HttpResponse<String> noDepartment = admin.post("/admin", "/admin/staff", newStaff(login, FIRST));
        assertThat(noDepartment.statusCode()).isEqualTo(422);
        assertThat(noDepartment.body()).contains("窓口職員には担当する課を 1 つ以上指定してください。")
                .contains("value=\"" + login + "\"").doesNotContain(FIRST);

        clerk(login);
        HttpResponse<String> taken = admin.post("/admin", "/admin/staff", newStaff(login, FIRST,
                "departments", "koseki-jumin"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("職員ID「" + login + "」はすでに使われています。");

        HttpResponse<String> unknownDepartment = admin.post("/admin", "/admin/staff", newStaff(login(), FIRST,
                "departments", "no-such-department"));
        assertThat(unknownDepartment.statusCode()).isEqualTo(422);
        assertThat(unknownDepartment.body()).contains("課「no-such-department」は登録されていません。");
    }

    @Test
    void disablingThroughThePageEndsTheSessionAndEnablingLetsThePersonBackIn() throws Exception {
        String login = login();
        long id = clerk(login);
        FormSession clerk = new FormSession(app);
        clerk.signIn(login, FIRST);
        assertThat(clerk.get("/console").statusCode()).isEqualTo(200);

        FormSession admin = admin();
        assertThat(admin.get("/admin").body()).contains("/admin/staff/" + id + "/disable")
                .as("the confirmation opens without JavaScript").contains("<details class=\"confirm\"");
        HttpResponse<String> disabled = admin.post("/admin", "/admin/staff/" + id + "/disable", Map.of());
        assertThat(disabled.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin").body()).contains("「" + login + "」を無効にしました。");
        assertThat(clerk.get("/console").statusCode()).as("the session ended").isEqualTo(302);
        assertThat(new FormSession(app).signIn(login, FIRST).headers().firstValue("Location").orElseThrow())
                .contains("/login?error");
        assertThat(auditActions()).anyMatch(a -> a.startsWith("STAFF_DISABLED staff " + id + " (" + login + "), 1 session(s) ended"));

        assertThat(admin.post("/admin", "/admin/staff/" + id + "/enable", Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin").body()).contains("「" + login + "」を有効にしました。");
        FormSession again = new FormSession(app);
        again.signIn(login, FIRST);
        assertThat(again.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsOfTheStaffButtonsAreShownOnThePage() throws Exception {
        FormSession admin = admin();
        long adminId = adminApi.get("/api/v1/staff/me").json().path("id").asLong();
        assertThat(admin.get("/admin").body()).as("no button to lock oneself out")
                .doesNotContain("/admin/staff/" + adminId + "/disable");
        HttpResponse<String> self = admin.post("/admin", "/admin/staff/" + adminId + "/disable", Map.of());
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(self.body()).contains("自分自身のアカウントは無効にできません。").contains("<h1>職員・端末の管理</h1>");

        HttpResponse<String> unknown = admin.post("/admin", "/admin/staff/999999999/password-reset", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("職員アカウント 999999999 は登録されていません。");
        HttpResponse<String> unknownDevice = admin.post("/admin", "/admin/devices/999999999/revoke", Map.of());
        assertThat(unknownDevice.statusCode()).isEqualTo(404);
        assertThat(unknownDevice.body()).contains("その端末は見つからないか、すでに無効です。");
        HttpResponse<String> unknownSession = admin.post("/admin", "/admin/sessions/no-such-session/end", Map.of());
        assertThat(unknownSession.statusCode()).isEqualTo(404);
        assertThat(unknownSession.body()).contains("そのセッションは見つかりません。");
    }

    @Test
    void aResetShowsATemporaryPasswordOnceThatLeadsToChoosingANewOne() throws Exception {
        String login = login();
        long id = clerk(login);
        FormSession admin = admin();
        HttpResponse<String> reset = admin.post("/admin", "/admin/staff/" + id + "/password-reset", Map.of());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(reset.body()).contains(WARNING).contains(login);
        String temporary = secret(reset);
        assertThat(temporary).hasSize(16);
        assertThat(admin.get("/admin").body()).doesNotContain(temporary);
        assertThat(auditActions()).anyMatch(a -> a.startsWith("PASSWORD_RESET staff " + id))
                .noneMatch(a -> a.contains(temporary));

        FormSession person = new FormSession(app);
        person.signIn(login, temporary);
        assertThat(person.get("/console").headers().firstValue("Location").orElseThrow()).endsWith("/account/password");
        HttpResponse<String> changed = person.post("/account/password", "/account/password", Map.of(
                "currentPassword", temporary, "newPassword", "my own pass phrase 3", "confirmPassword", "my own pass phrase 3"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(person.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeviceRegisteredOnThePageShowsItsTokenOnceAndPairs() throws Exception {
        FormSession admin = admin();
        String name = "2階 呼出モニター " + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> registered = admin.post("/admin", "/admin/devices",
                Map.of("name", name, "kind", "DISPLAY", "officeId", "honcho"));
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(registered.body()).contains(WARNING).contains(app.url("/devices/pair"))
                .contains("呼出モニター「" + name + "」");
        String token = secret(registered);
        assertThat(token).startsWith("dev_");
        String page = admin.get("/admin").body();
        assertThat(page).contains(name).doesNotContain(token);

        FormSession board = new FormSession(app);
        assertThat(board.post("/devices/pair", "/devices/pair", Map.of("token", token)).statusCode()).isEqualTo(302);
        assertThat(board.get("/board").statusCode()).isEqualTo(200);

        long deviceId = adminApi.get("/api/v1/admin/devices").json().valueStream()
                .filter(d -> d.path("name").asString().equals(name)).findFirst().orElseThrow().path("id").asLong();
        assertThat(auditActions()).contains("DEVICE_REGISTERED device " + deviceId + " (DISPLAY at honcho)");
        assertThat(admin.post("/admin", "/admin/devices/" + deviceId + "/revoke", Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin").body()).contains("端末を無効にしました。");
        assertThat(board.get("/board").statusCode()).as("sent back to pairing").isEqualTo(302);
        assertThat(auditActions()).contains("DEVICE_REVOKED device " + deviceId);
    }

    @Test
    void aMetricsScraperRegisteredOnThePageReadsOnlyMetrics() throws Exception {
        FormSession admin = admin();
        assertThat(admin.get("/admin").body()).contains("value=\"METRICS\"").contains("監視（メトリクス取得）");
        String name = "Prometheus " + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> registered = admin.post("/admin", "/admin/devices",
                Map.of("name", name, "kind", "METRICS", "officeId", "honcho"));
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).contains(WARNING).contains("監視（メトリクス取得）「" + name + "」")
                .as("a scraper is never paired").doesNotContain("/devices/pair");
        String token = secret(registered);
        assertThat(new Http(app).bearer(token).get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(new Http(app).bearer(token).get("/api/v1/counters/honcho-1").status()).isEqualTo(401);
        JsonNode listed = adminApi.get("/api/v1/admin/devices").json().valueStream()
                .filter(d -> d.path("name").asString().equals(name)).findFirst().orElseThrow();
        assertThat(listed.path("kind").asString()).isEqualTo("METRICS");
        assertThat(listed.path("officeId").isNull()).isTrue();
        assertThat(admin.get("/admin").body()).contains(name);
    }

    @Test
    void aRefusedDeviceFormKeepsItsName() throws Exception {
        HttpResponse<String> refused = admin().post("/admin", "/admin/devices",
                Map.of("name", "3階 発券機", "kind", "KIOSK", "officeId", "no-such-office"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("庁舎「no-such-office」は登録されていません。").contains("value=\"3階 発券機\"");
        HttpResponse<String> noKind = admin().post("/admin", "/admin/devices", Map.of("name", "", "officeId", "honcho"));
        assertThat(noKind.statusCode()).isEqualTo(422);
        assertThat(noKind.body()).contains("名前（入力してください）").contains("種類（選んでください）");
    }

    @Test
    void anAdministratorEndsAnotherPersonsSessionOnThePage() throws Exception {
        String login = login();
        clerk(login);
        FormSession clerk = new FormSession(app);
        clerk.signIn(login, FIRST);
        assertThat(clerk.get("/console").statusCode()).isEqualTo(200);
        String sessionId = adminApi.get("/api/v1/admin/sessions").json().valueStream()
                .filter(s -> s.path("login").asString().equals(login)).findFirst().orElseThrow().path("id").asString();

        FormSession admin = admin();
        assertThat(admin.get("/admin").body()).contains("/admin/sessions/" + sessionId + "/end").contains("この端末");
        assertThat(admin.post("/admin", "/admin/sessions/" + sessionId + "/end", Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin").body()).contains("セッションを終了しました。");
        assertThat(clerk.get("/console").statusCode()).isEqualTo(302);
        assertThat(auditActions()).contains("SESSION_ENDED session ended by an administrator");
    }

    @Test
    void aClerkIsRefusedTheAdministrationPageAndItsForms() throws Exception {
        String login = login();
        clerk(login);
        FormSession clerk = new FormSession(app);
        clerk.signIn(login, FIRST);
        HttpResponse<String> page = clerk.get("/admin");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("このページを表示する権限がありません");
        assertThat(clerk.post("/account", "/admin/staff", newStaff(login(), FIRST, "departments", "koseki-jumin"))
                .statusCode()).isEqualTo(403);
        assertThat(clerk.get("/").body()).contains("href=\"/account\"").doesNotContain("href=\"/admin\"");
        assertThat(admin().get("/").body()).contains("href=\"/admin\"");
    }
}

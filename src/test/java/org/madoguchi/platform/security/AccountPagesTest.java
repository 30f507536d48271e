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

/** /account as a clerk uses it: who am I, my API tokens, my sessions; the same services as the API. */
class AccountPagesTest {

    private static final String FIRST = "first-password-given-1";
    private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*>([^<]+)<");

    private final TestApp app = TestApp.shared();

    private String clerk() {
        String login = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = new Http(app).admin().post("/api/v1/admin/staff", Http.json(Map.of("login", login,
                "displayName", "佐藤 花子", "password", FIRST, "role", "STAFF",
                "departments", List.of("koseki-jumin", "kokuho-nenkin"), "mustChangePassword", false)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return login;
    }

    private FormSession signedIn(String login) throws Exception {
        FormSession session = new FormSession(app);
        session.signIn(login, FIRST);
        return session;
    }

    @Test
    void theClerkSeesWhoTheyAreAndWhereToChangeThePassword() throws Exception {
        String login = clerk();
        HttpResponse<String> page = signedIn(login).get("/account");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>アカウント</h1>").contains(login).contains("佐藤 花子").contains("窓口職員")
                .contains("戸籍住民課").contains("国保年金課").contains("href=\"/account/password\"")
                .contains("この端末");
    }

    @Test
    void aTokenIsShownOnceWorksAndIsRevokedWithTheForm() throws Exception {
        String login = clerk();
        FormSession clerk = signedIn(login);
        HttpResponse<String> created = clerk.post("/account", "/account/tokens", Map.of("name", "集計スクリプト"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(created.body()).contains("この画面を離れると二度と表示されません").contains("集計スクリプト");
        Matcher m = SECRET.matcher(created.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(token).startsWith("stf_");
        assertThat(new Http(app).bearer(token).get("/api/v1/staff/me").json().path("login").asString()).isEqualTo(login);

        String page = clerk.get("/account").body();
        assertThat(page).contains("集計スクリプト").doesNotContain(token);
        Matcher revoke = Pattern.compile("/account/tokens/(\\d+)/revoke").matcher(page);
        assertThat(revoke.find()).isTrue();
        String action = revoke.group(0);
        assertThat(clerk.post("/account", action, Map.of()).statusCode()).isEqualTo(302);
        assertThat(clerk.get("/account").body()).contains("API トークンを無効にしました。").contains("無効（");
        assertThat(new Http(app).bearer(token).get("/api/v1/staff/me").status()).isEqualTo(401);

        HttpResponse<String> again = clerk.post("/account", action, Map.of());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("そのトークンは見つからないか、すでに無効です。");
    }

    @Test
    void anotherPersonsTokenCannotBeRevokedFromOnesOwnPage() throws Exception {
        String owner = clerk();
        Http.Response token = new Http(app).basic(owner, FIRST).post("/api/v1/staff/me/tokens",
                Http.json(Map.of("name", "owner's")));
        long tokenId = token.json().path("id").asLong();
        HttpResponse<String> refused = signedIn(clerk()).post("/account", "/account/tokens/" + tokenId + "/revoke",
                Map.of());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(new Http(app).bearer(token.json().path("token").asString()).get("/api/v1/staff/me").status())
                .isEqualTo(200);
    }

    @Test
    void aTokenNeedsANameAndTheRefusalKeepsWhatWasTyped() throws Exception {
        FormSession clerk = signedIn(clerk());
        HttpResponse<String> empty = clerk.post("/account", "/account/tokens", Map.of("name", "  "));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("名前（入力してください）");
        String tooLong = "長".repeat(101);
        HttpResponse<String> longName = clerk.post("/account", "/account/tokens", Map.of("name", tooLong));
        assertThat(longName.statusCode()).isEqualTo(422);
        assertThat(longName.body()).contains("名前（100 文字まで）").contains("value=\"" + tooLong + "\"");
    }

    @Test
    void aSessionLeftOpenElsewhereIsEndedFromThePage() throws Exception {
        String login = clerk();
        FormSession elsewhere = signedIn(login);
        assertThat(elsewhere.get("/console").statusCode()).isEqualTo(200);
        FormSession here = signedIn(login);
        String page = here.get("/account").body();
        assertThat(page).contains("この端末").contains("ほかの端末");
        Matcher end = Pattern.compile("/account/sessions/([^/\"]+)/end").matcher(page);
        assertThat(end.find()).isTrue();
        String action = end.group(0);
        assertThat(end.find()).as("only the other session has an end button").isFalse();

        assertThat(here.post("/account", action, Map.of()).statusCode()).isEqualTo(302);
        assertThat(here.get("/account").body()).contains("セッションを終了しました。");
        assertThat(elsewhere.get("/console").statusCode()).isEqualTo(302);
        assertThat(here.get("/console").statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = here.post("/account", "/account/sessions/no-such-session/end", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("そのセッションは見つかりません。");
    }
}

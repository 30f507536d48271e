package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/**
 * A new installation on the embedded default, started as the README says, behind a TLS-terminating proxy:
 * the generated administrator password (finding 6), sign-in throttling (finding 9) and the device cookie behind
 * HTTPS (finding 10). Its own instance, so its sign-in counts and its first administrator are its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshInstallationTest {

    private static final java.util.function.Function<TestApp, Http> ADMIN =
            a -> new Http(a).basic("admin", "kawa no nagare wa taezu");

    @TempDir
    static Path data;
    private static TestApp app;
    private static Path passwordFile;

    @BeforeAll
    static void start() {
        passwordFile = data.resolve("initial-admin-password.txt");
        app = TestApp.start(Map.of("madoguchi.embedded-db.data-dir", data.resolve("pg").toString(),
                "madoguchi.admin.initial-password", "",
                "madoguchi.admin.password-file", passwordFile.toString(),
                "server.forward-headers-strategy", "native"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void theGeneratedPasswordIsOwnerOnlyMustBeChangedAndItsFileThenGoes() throws Exception {
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String generated = Files.readString(passwordFile).trim();
        Http first = new Http(app).basic("admin", generated);
        assertThat(first.get("/api/v1/admin/staff").json().path("code").asString()).isEqualTo("password-change-required");

        FormSession browser = new FormSession(app);
        browser.signIn("admin", generated);
        var console = browser.get("/console");
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account/password"));
        var form = browser.get("/account/password");
        assertThat(form.body()).contains("パスワードの変更").contains("ほかの人が決めたもの");

        var mismatch = browser.post("/account/password", "/account/password", Map.of("currentPassword", generated,
                "newPassword", "kawa no nagare wa taezu", "confirmPassword", "kawa no nagare"));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("一致しません");

        var changed = browser.post("/account/password", "/account/password", Map.of("currentPassword", generated,
                "newPassword", "kawa no nagare wa taezu", "confirmPassword", "kawa no nagare wa taezu"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(browser.get("/console").statusCode()).as("the same browser carries on").isIn(200, 302);
        assertThat(browser.get("/api/v1/staff/me").body()).contains("\"mustChangePassword\":false");
        assertThat(passwordFile).doesNotExist();
        assertThat(new Http(app).basic("admin", generated).get("/api/v1/admin/staff").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void guessingIsThrottledBeforeAnyPasswordIsCheckedAndTheLockIsAudited() throws Exception {
        Http.Response created = ADMIN.apply(app).post("/api/v1/admin/staff", Http.json(Map.of("login", "guarded",
                "displayName", "窓口 職員", "password", "correct horse battery", "role", "MANAGER",
                "mustChangePassword", false)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http guess = new Http(app).basic("guarded", "wrong-guess-wrong-guess");
        for (int i = 0; i < 5; i++) {
            assertThat(guess.get("/api/v1/staff/me").status()).isEqualTo(401);
        }
        Http.Response locked = new Http(app).basic("guarded", "correct horse battery").get("/api/v1/staff/me");
        assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(locked.json().path("code").asString()).isEqualTo("too-many-attempts");

        FormSession browser = new FormSession(app);
        var form = browser.signIn("guarded", "correct horse battery");
        assertThat(form.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));
        assertThat(browser.get("/login?locked").body()).contains("しばらくログインできません");

        Thread.sleep(1_200);
        assertThat(new Http(app).basic("guarded", "correct horse battery").get("/api/v1/staff/me").status())
                .as("the first lock is short: a clerk who mistyped is not kept out").isEqualTo(200);
        assertThat(app.jdbc().sql("SELECT count(*) FROM platform.audit_log WHERE action = 'SIGN_IN_THROTTLED'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    @Order(3)
    void behindAnHttpsProxyThePairingCookieIsSecure() throws Exception {
        String token = ADMIN.apply(app).post("/api/v1/admin/devices", Http.json(Map.of("name", "1階発券機",
                "kind", "KIOSK", "officeId", "honcho"))).json().path("token").asString();
        FormSession kiosk = new FormSession(app);
        var paired = kiosk.post("/devices/pair", "/devices/pair", Map.of("token", token));
        assertThat(paired.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("madoguchi_device="))
                .singleElement().satisfies(c -> assertThat(c).doesNotContain("Secure"));

        FormSession viaProxy = new FormSession(app);
        var page = viaProxy.get("/devices/pair");
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        var secure = viaProxy.remember(java.net.http.HttpClient.newHttpClient().send(viaProxy.base("/devices/pair")
                .header("X-Forwarded-Proto", "https").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + token + "&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()));
        assertThat(secure.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("madoguchi_device="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure").contains("HttpOnly"));
    }
}

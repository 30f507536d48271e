package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/**
 * Finding 1: a browser that remembers Basic credentials sends them with any other site's form. Only a bearer
 * token may stand in for a CSRF token, no 401 asks a browser for a password, and writes labelled cross-site
 * are refused whatever they carry.
 */
class CrossSiteRequestTest {

    private final TestApp app = TestApp.shared();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        app.resetReception();
    }

    private String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestApp.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private boolean counterOpen() {
        return app.jdbc().sql("SELECT open_staff_id IS NOT NULL FROM reception.counter WHERE id = 'honcho-1'")
                .query(Boolean.class).single();
    }

    @Test
    void anotherSitesFormPostWithRememberedBasicCredentialsChangesNothing() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/counters/honcho-1/open")))
                .header("Authorization", basicAdmin()).header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(counterOpen()).isFalse();
    }

    @Test
    void basicCredentialsWithoutACsrfTokenAreRefusedEvenFromNoSite() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/counters/honcho-1/open")))
                .header("Authorization", basicAdmin()).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"csrf\"");
        assertThat(counterOpen()).isFalse();
    }

    @Test
    void basicCredentialsWithTheCsrfTokenWork() {
        Http.Response response = new Http(app).admin().post("/api/v1/counters/honcho-1/open", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(counterOpen()).isTrue();
    }

    @Test
    void aBearerTokenNeedsNoCsrfTokenButIsStillRefusedCrossSite() {
        String token = new Http(app).admin().post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "script")))
                .json().path("token").asString();
        Http script = new Http(app).bearer(token);

        Http.Response crossSite = script.header("Origin", "https://evil.example").post("/api/v1/counters/honcho-1/open", null);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.json().path("code").asString()).isEqualTo("cross-site");
        assertThat(counterOpen()).isFalse();

        Http.Response sameOrigin = script.header("Origin", app.url("")).header("Sec-Fetch-Site", "same-origin")
                .post("/api/v1/counters/honcho-1/open", null);
        assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(200);
        assertThat(counterOpen()).isTrue();
    }

    @Test
    void aSiblingSubdomainIsAnotherSiteToo() {
        String token = new Http(app).admin().post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "script")))
                .json().path("token").asString();
        Http.Response response = new Http(app).bearer(token).header("Sec-Fetch-Site", "same-site")
                .post("/api/v1/counters/honcho-1/open", null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(counterOpen()).isFalse();
    }

    @Test
    void noRefusalAsksTheBrowserForAPassword() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/admin/staff"))).GET().build());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/admin/staff")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:nope-nope-nope".getBytes()))
                .GET().build());

        for (HttpResponse<String> response : java.util.List.of(anonymous, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .noneMatch(value -> value.toLowerCase().startsWith("basic"));
        }
    }
}

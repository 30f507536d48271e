package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** Finding 8: nobody but a signed-in manager gets a multipart body parsed, and only where a file is expected. */
class MultipartGateTest {

    private final TestApp app = TestApp.shared();

    private static String multipart(String boundary, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    @Test
    void anAnonymousMultipartLoginIsNotReadEvenWithAValidToken() throws Exception {
        FormSession browser = new FormSession(app);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(browser.get("/login").body());
        assertThat(csrf.find()).isTrue();
        String boundary = "b" + UUID.randomUUID();
        HttpResponse<String> response = browser.remember(HttpClient.newHttpClient().send(browser.base("/login")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart(boundary, Map.of("_csrf", csrf.group(1),
                        "username", "admin", "password", TestApp.ADMIN_PASSWORD)), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString()));

        // Had the body been parsed, the token in it would have let the sign-in through (302 to "/").
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(browser.get("/console").statusCode()).as("not signed in").isEqualTo(302);
    }

    @Test
    void multipartIsRefusedWhereNoFileIsExpectedAndForStaffWhoMayNotUpload() {
        String login = "upload-" + UUID.randomUUID().toString().substring(0, 8);
        new Http(app).admin().post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", login,
                "displayName", "窓口 職員", "password", "correct horse battery", "role", "STAFF",
                "departments", List.of("koseki-jumin"))));
        String staffToken = new Http(app).basic(login, "correct horse battery").post("/api/v1/staff/me/tokens",
                Http.json(Map.of("name", "t"))).json().path("token").asString();
        String adminToken = new Http(app).admin().post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "t")))
                .json().path("token").asString();
        String boundary = "b" + UUID.randomUUID();
        String body = multipart(boundary, Map.of("note", "x"));

        for (var who : List.of(new Http(app).bearer(staffToken), new Http(app).bearer(adminToken))) {
            Http.Response notAnUpload = who.send(who.request("/api/v1/staff/me/tokens")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(notAnUpload.status()).isEqualTo(415);
            assertThat(notAnUpload.contentType()).startsWith("application/problem+json");
        }
        Http staff = new Http(app).bearer(staffToken);
        Http.Response upload = staff.send(staff.request("/api/v1/statistics/import")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(upload.status()).isEqualTo(403);
        assertThat(upload.contentType()).startsWith("application/problem+json");
    }
}

package org.madoguchi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for API tests: real requests over a socket, as a kiosk or a browser would send them. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestApp app;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Http(TestApp app) {
        this.app = app;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        /** Every cookie this response sets, as a Cookie request header value. */
        public String cookies() {
            return String.join("; ", raw.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0]).toList());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Http basic(String login, String password) {
        Http copy = copy();
        copy.headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return copy;
    }

    public Http bearer(String token) {
        Http copy = copy();
        copy.headers.put("Authorization", "Bearer " + token);
        return copy;
    }

    public Http header(String name, String value) {
        Http copy = copy();
        copy.headers.put(name, value);
        return copy;
    }

    public Http admin() {
        return basic("admin", TestApp.ADMIN_PASSWORD);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(builder);
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(withCsrf(builder.build()), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CSRF tokens per application and Basic credentials; the cookie-held token does not expire. */
    private static final Map<String, String[]> CSRF = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A password-signed state-changing request needs a CSRF token, as a browser session does; like a careful
     * script, fetch one (GET /api/v1/csrf) and send it back as cookie and header. Bearer tokens need none.
     */
    private HttpRequest withCsrf(HttpRequest request) throws IOException, InterruptedException {
        String authorization = request.headers().firstValue("Authorization").orElse("");
        if (!authorization.startsWith("Basic ") || java.util.Set.of("GET", "HEAD", "OPTIONS").contains(request.method())
                || request.headers().firstValue("X-XSRF-TOKEN").isPresent()) {
            return request;
        }
        String[] token = CSRF.get(app.port() + " " + authorization);
        if (token == null) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/csrf")))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                    .map(c -> c.split(";")[0]).findFirst().orElseThrow(() -> new IllegalStateException(
                            "no CSRF cookie: " + response.statusCode() + " " + response.body()));
            token = new String[] {cookie, JSON.readTree(response.body()).path("token").asString()};
            CSRF.put(app.port() + " " + authorization, token);
        }
        String existing = request.headers().firstValue("Cookie").orElse(null);
        String[] csrf = token;
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Cookie"))
                .header("Cookie", existing == null ? csrf[0] : existing + "; " + csrf[0])
                .header("X-XSRF-TOKEN", csrf[1]).build();
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private Http copy() {
        Http copy = new Http(app);
        copy.headers.putAll(headers);
        return copy;
    }
}

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
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

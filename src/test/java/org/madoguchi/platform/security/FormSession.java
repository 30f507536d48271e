package org.madoguchi.platform.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.madoguchi.TestApp;

/** A browser's cookie jar and CSRF token, for signing in at /login and using pages as a person would. */
final class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final TestApp app;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    FormSession(TestApp app) {
        this.app = app;
    }

    HttpResponse<String> get(String path) throws Exception {
        return remember(client.send(base(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts a form with the CSRF token read from the page at {@code formPage}. */
    HttpResponse<String> post(String formPage, String action, Map<String, String> fields) throws Exception {
        return post(formPage, action, List.copyOf(fields.entrySet()));
    }

    /** As above, for forms that send a name more than once (checkboxes). */
    HttpResponse<String> post(String formPage, String action, List<Map.Entry<String, String>> fields) throws Exception {
        Matcher token = CSRF.matcher(get(formPage).body());
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (token.find()) {
            all.add(Map.entry("_csrf", token.group(1)));
        }
        String body = all.stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return remember(client.send(base(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> signIn(String login, String password) throws Exception {
        return post("/login", "/login", Map.of("username", login, "password", password));
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    HttpRequest.Builder base(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.url(path)));
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    HttpResponse<String> remember(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String[] pair = header.split(";")[0].split("=", 2);
            if (pair[1].isEmpty()) {
                cookies.remove(pair[0]);
            } else {
                cookies.put(pair[0], pair[1]);
            }
        }
        return response;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

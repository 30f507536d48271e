package org.madoguchi.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.madoguchi.platform.database.DatabaseAvailability;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * While the database is known to be away, requests are answered at once with 503 instead of each waiting for the
 * pool's timeout (and holding a server thread) only to fail. Ahead of sessions and security, which would reach for
 * the database themselves. Health and static files pass: they do not need it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseAvailability availability;
    private final String page;

    DatabaseUnavailableFilter(DatabaseAvailability availability) {
        this.availability = availability;
        this.page = resource("/web/database-unavailable.html");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return availability.available() || path.startsWith("/actuator/") || path.startsWith("/css/")
                || path.startsWith("/js/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write(problem(request.getRequestURI()));
        } else {
            response.setContentType("text/html");
            response.getWriter().write(page);
        }
    }

    /** The same problem+json that {@link ApiProblems} writes for a failed connection. */
    static String problem(String path) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "https://madoguchi.org/problems/" + DatabaseUnavailable.CODE);
        body.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        body.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        body.put("detail", DatabaseUnavailable.DETAIL);
        body.put("instance", path);
        body.put("code", DatabaseUnavailable.CODE);
        return JSON.writeValueAsString(body);
    }

    private static String resource(String name) {
        try (InputStream in = DatabaseUnavailableFilter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

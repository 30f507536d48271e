package org.madoguchi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The security firewall refuses some requests lazily, when a filter first reads a parameter whose name or value holds
 * a control character (`?%00=1`). Spring's default answer is an error dispatch, which reads the same parameters and
 * fails again, ending in an empty 400. This answers at once instead: problem+json under /api, a short Japanese page
 * elsewhere. Spring Security picks up a bean of this type for its filter chain.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String uri = request.getRequestURI();
        if (uri != null && uri.startsWith("/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write(ErrorPages.problemJson(HttpServletResponse.SC_BAD_REQUEST));
            return;
        }
        response.setContentType("text/html");
        response.getWriter().write("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>"
                + "リクエストを処理できません | madoguchi</title></head><body><main><h1>リクエストを処理できません</h1><p>"
                + HtmlUtils.htmlEscape(ErrorPages.badRequestDetail()) + "</p><p><a href=\"/\">トップページへ</a></p>"
                + "</main></body></html>");
    }
}

package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches a page address that no controller serves, so that it is let through to the "not found" page. Without it
 * a resident who mistypes an address, or follows an old link, lands on the staff login. API paths keep answering
 * 401 to strangers, whatever the path, so that the API's shape is not probed anonymously.
 */
final class UnknownPages implements RequestMatcher {

    private final Supplier<RequestMappingHandlerMapping> mappings;

    /** {@code mappings} gives the application's controller mappings, looked up when first needed. */
    UnknownPages(Supplier<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/")
                || path.startsWith("/swagger-ui") || !("GET".equals(request.getMethod())
                || "HEAD".equals(request.getMethod()))) {
            return false;
        }
        RequestMappingHandlerMapping handlers = mappings.get();
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            return handlers.getHandlerMethods().keySet().stream()
                    .noneMatch(mapping -> mapping.getActivePatternsCondition().getMatchingCondition(request) != null);
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}

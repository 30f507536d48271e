package org.madoguchi.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A state-changing request that the browser itself labels as coming from another site is refused, whatever
 * credentials it carries: the second line of defence after CSRF tokens (ASVS 3.5). Browsers send
 * {@code Sec-Fetch-Site} and {@code Origin}; programs such as curl send neither and are not affected.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String publicOrigin;

    CrossSiteRequestFilter(String publicBaseUrl) {
        this.publicOrigin = originOf(publicBaseUrl);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod()) && crossSite(request)) {
            if (request.getRequestURI().startsWith("/api/")) {
                ProblemResponses.write(response, 403, "cross-site", "Forbidden",
                        "他のサイトから送られた操作は受け付けません。madoguchi の画面から操作してください。");
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            // "same-site" is a sibling host (another subdomain), which is not this application either.
            return !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        }
        // Older browsers: the Origin header. Our pages send no referrer, for which browsers write "null" as the
        // origin of their own forms, so "null" proves nothing either way and the CSRF token decides.
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return false;
        }
        String normalised = originOf(origin);
        return normalised == null || !(normalised.equals(ownOrigin(request)) || normalised.equals(publicOrigin));
    }

    /** The origin the request was addressed to, as a reverse proxy reports it once forwarded headers are on. */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    static String originOf(String url) {
        if (url == null || url.isBlank() || url.equals("null")) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

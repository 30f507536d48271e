package org.madoguchi.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Multipart bodies are parsed to disk, so only where a file is expected, and only for a signed-in manager or
 * administrator. Two places would otherwise parse one for anybody: the CSRF check looking for a {@code _csrf}
 * field (handled by {@link #csrfTokens()}) and any handler reading a parameter (the {@link #gate()} filter, which
 * runs after authentication and authorisation).
 */
final class Uploads {

    private final RequestMatcher uploadPaths;

    Uploads(List<String> paths) {
        this.uploadPaths = new OrRequestMatcher(paths.stream()
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());
    }

    static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    private boolean allowed(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean uploader = authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
                && authentication.getAuthorities().stream().anyMatch(a ->
                        a.getAuthority().equals("ROLE_MANAGER") || a.getAuthority().equals("ROLE_ADMIN"));
        return uploader && uploadPaths.matches(request);
    }

    /** Reads the CSRF token from a multipart body only for an upload that is allowed; else only from the header. */
    CsrfTokenRequestHandler csrfTokens() {
        XorCsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();
        return new CsrfTokenRequestHandler() {
            @Override
            public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
                xor.handle(request, response, token);
            }

            @Override
            public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
                if (multipart(request) && !allowed(request)) {
                    String header = request.getHeader(token.getHeaderName());
                    return header == null ? null : xor.resolveCsrfTokenValue(new HeaderOnly(request), token);
                }
                return xor.resolveCsrfTokenValue(request, token);
            }
        };
    }

    OncePerRequestFilter gate() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (multipart(request) && !allowed(request)) {
                    boolean api = request.getRequestURI().startsWith("/api/");
                    if (!uploadPaths.matches(request)) {
                        if (api) {
                            ProblemResponses.write(response, 415, "multipart-not-accepted", "Unsupported Media Type",
                                    "ここではファイルの送信（multipart）は受け付けていません。");
                        } else {
                            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
                        }
                    } else if (api || request.getRequestURI().endsWith(".json")) {
                        ProblemResponses.write(response, 403, "forbidden", "Forbidden", "この操作を行う権限がありません。");
                    } else {
                        response.sendError(HttpServletResponse.SC_FORBIDDEN);
                    }
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** Hides the body's parameters, so that resolving the token cannot parse the body. */
    private static final class HeaderOnly extends jakarta.servlet.http.HttpServletRequestWrapper {
        HeaderOnly(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getParameter(String name) {
            return null;
        }
    }
}

package org.madoguchi.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An account whose password someone else chose (the first administrator, an administrator's reset) can do one
 * thing: choose its own. Pages lead to the change form; the API answers 403 {@code password-change-required}.
 */
class PasswordChangeGate extends OncePerRequestFilter {

    static final String PAGE = "/account/password";
    private static final Set<String> OPEN = Set.of(PAGE, "/logout", "/login", "/error", "/api/v1/staff/me",
            "/api/v1/staff/me/password", "/api/v1/csrf", "/favicon.ico");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff
                && staff.mustChangePassword() && !open(request)) {
            if (request.getRequestURI().startsWith("/api/")) {
                ProblemResponses.write(response, 403, "password-change-required", "Forbidden",
                        "初めに自分のパスワードを設定してください（POST /api/v1/staff/me/password）。");
            } else {
                response.sendRedirect(PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean open(HttpServletRequest request) {
        String path = request.getRequestURI();
        return OPEN.contains(path) || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/");
    }
}

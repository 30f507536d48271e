package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** API callers get problem+json for 401 and 403, never a login page. */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            write(response, 429, "too-many-attempts", "Too Many Requests",
                    "ログインの失敗が続いたため、しばらく受け付けません。時間をおいてからお試しください。");
            return;
        }
        // A Basic challenge would make browsers ask for, and then remember and send, a password by themselves;
        // Bearer names a scheme no browser prompts for.
        response.setHeader("WWW-Authenticate", "Bearer realm=\"madoguchi\"");
        write(response, 401, "unauthenticated", "Unauthorized", "ログインが必要です。職員IDとパスワード、または端末トークンを送ってください。");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            // The CSRF check runs before Basic credentials are read: a request carrying them is not anonymous.
            boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken;
            if (anonymous && request.getHeader("Authorization") == null) {
                commence(request, response, new InsufficientAuthenticationException("no credentials"));
                return;
            }
            write(response, 403, "csrf", "Forbidden", "CSRF トークンがないか古くなっています。画面を再読み込みしてください。"
                    + "（プログラムからは Bearer トークンを使うか、GET /api/v1/csrf のトークンを X-XSRF-TOKEN で送ってください）");
            return;
        }
        write(response, 403, "forbidden", "Forbidden", "この操作を行う権限がありません。");
    }

    private static void write(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        ProblemResponses.write(response, status, code, title, detail);
    }
}

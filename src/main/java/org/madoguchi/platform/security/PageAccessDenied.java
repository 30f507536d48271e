package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * On screens, a refused form is explained in Japanese. A missing or stale CSRF token usually means the form
 * sat open too long (or cookies are off), not an attack, so the visitor is told how to carry on.
 */
class PageAccessDenied implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        boolean expired = e instanceof CsrfException;
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String heading = expired ? "ページの有効期限が切れました" : "このページを表示する権限がありません";
        String text = expired
                ? "前のページに戻って再読み込みし、もう一度お試しください。うまくいかないときは、ブラウザーの Cookie が有効か確かめてください。"
                : "ログインし直すか、窓口の職員にお声がけください。";
        response.getWriter().write("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + heading
                + " | madoguchi</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body class=\"page\">"
                + "<main id=\"main\" class=\"narrow\"><h1>" + heading + "</h1><p>" + text + "</p>"
                + "<p><a class=\"button\" href=\"/\">最初のページへ</a></p></main></body></html>");
    }
}

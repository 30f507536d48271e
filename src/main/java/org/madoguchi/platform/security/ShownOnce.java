package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/**
 * The page that shows a secret once (a new API or device token, a temporary password). It is rendered as the
 * answer to the POST, never reached by a redirect, so the secret is not kept in the session table or a URL; and
 * no cache may keep the page.
 */
final class ShownOnce {

    static final String VIEW = "account/shown-once";

    private ShownOnce() {
    }

    static String render(HttpServletResponse response, Model model, String heading, String label, String secret,
                         String back, String backLabel) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("heading", heading);
        model.addAttribute("label", label);
        model.addAttribute("secret", secret);
        model.addAttribute("back", back);
        model.addAttribute("backLabel", backLabel);
        return VIEW;
    }
}

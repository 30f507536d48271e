package org.madoguchi.platform.security;

import java.util.function.Function;
import java.util.function.Supplier;
import org.madoguchi.platform.ProblemException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The shape every account and administration form shares: act, then redirect with a message, or say why not. */
final class PageForms {

    private PageForms() {
    }

    /**
     * Runs {@code action}, which answers the Japanese message to show; then redirects (post/redirect/get) with the
     * message as a flash attribute. A refusal is answered by {@code refused} — the page again, with its status.
     */
    static String act(Supplier<String> action, String target, RedirectAttributes redirect,
                      Function<ProblemException, String> refused) {
        try {
            redirect.addFlashAttribute("status", action.get());
            return "redirect:" + target;
        } catch (ProblemException e) {
            return refused.apply(e);
        }
    }
}

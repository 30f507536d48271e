package org.madoguchi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.madoguchi.platform.Languages;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The language switches of the shared {@code fragments :: langs} fragment, for every page. Pages whose messages
 * exist in やさしい日本語 use {@code languageLinksWithEasy}; the others offer the four languages they have.
 */
@ControllerAdvice
class LanguageLinks {

    private static final List<String> WITHOUT_EASY = Languages.TAGS.stream().filter(t -> !t.equals(Languages.EASY))
            .toList();

    @ModelAttribute("languageLinks")
    List<Languages.Link> languageLinks(HttpServletRequest request, Locale locale) {
        return links(request, locale, WITHOUT_EASY);
    }

    @ModelAttribute("languageLinksWithEasy")
    List<Languages.Link> languageLinksWithEasy(HttpServletRequest request, Locale locale) {
        return links(request, locale, Languages.TAGS);
    }

    private static List<Languages.Link> links(HttpServletRequest request, Locale locale, List<String> tags) {
        if (request.getRequestURI().startsWith("/api/")) {
            return List.of();
        }
        String current = Languages.current(locale);
        if (!tags.contains(current)) {
            current = "ja";
        }
        return Languages.links(request, current, "lang.", tags);
    }
}

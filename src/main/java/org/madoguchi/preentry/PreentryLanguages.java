package org.madoguchi.preentry;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The languages of the resident's pages: 日本語, やさしい日本語 (easy Japanese, locale {@code ja-yasashii}, messages in
 * {@code preentry_ja__yasashii.properties}), English, 中文, 한국어. Each is named in itself.
 */
final class PreentryLanguages {

    static final List<String> TAGS = List.of("ja", "ja-yasashii", "en", "zh", "ko");
    private static final List<String> NAMES = List.of("日本語", "やさしい日本語", "English", "中文", "한국어");

    /** A link to the same page in one language; {@code htmlLang} is what its lang attribute says. */
    record Link(String tag, String htmlLang, String name, String href, boolean current) {
    }

    private PreentryLanguages() {
    }

    static List<Link> links(HttpServletRequest request, Locale locale) {
        String current = current(locale);
        return TAGS.stream().map(tag -> new Link(tag, htmlLang(tag), NAMES.get(TAGS.indexOf(tag)),
                UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                        .replaceQueryParam("lang", tag).build().toUriString(), tag.equals(current))).toList();
    }

    static String current(Locale locale) {
        if ("ja".equals(locale.getLanguage()) && "yasashii".equalsIgnoreCase(locale.getVariant())) {
            return "ja-yasashii";
        }
        return TAGS.contains(locale.getLanguage()) ? locale.getLanguage() : "ja";
    }

    static String htmlLang(String tag) {
        return tag.startsWith("ja") ? "ja" : tag;
    }
}

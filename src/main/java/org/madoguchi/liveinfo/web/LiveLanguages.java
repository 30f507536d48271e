package org.madoguchi.liveinfo.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The languages of the public live pages. やさしい日本語 (easy Japanese) is the locale {@code ja-yasashii}
 * (language ja, variant "yasashii"): a well-formed language tag, so it travels through {@code ?lang=} and the
 * {@code madoguchi_lang} cookie unchanged, and its messages live in {@code liveinfo_ja__yasashii.properties}.
 */
final class LiveLanguages {

    static final Locale EASY_JAPANESE = Locale.forLanguageTag("ja-yasashii");
    static final List<String> TAGS = List.of("ja", "ja-yasashii", "en", "zh", "ko");

    record Link(String tag, String htmlLang, String key, String href, boolean current) {
    }

    private LiveLanguages() {
    }

    static List<Link> links(HttpServletRequest request, Locale locale) {
        String current = current(locale);
        return TAGS.stream().map(tag -> new Link(tag, tag.startsWith("ja") ? "ja" : tag, "live.lang." + tag,
                UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                        .replaceQueryParam("lang", tag).build().toUriString(), tag.equals(current))).toList();
    }

    static String current(Locale locale) {
        if (isEasy(locale)) {
            return "ja-yasashii";
        }
        String language = locale.getLanguage();
        return TAGS.contains(language) ? language : "ja";
    }

    static boolean isEasy(Locale locale) {
        return "ja".equals(locale.getLanguage()) && "yasashii".equalsIgnoreCase(locale.getVariant());
    }
}

package org.madoguchi.navigator.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriComponentsBuilder;

/** The navigator's five languages: Japanese, やさしい日本語, English, Chinese and Korean. */
final class NaviLanguage {

    static final List<String> TAGS = List.of("ja", "ja-yasashii", "en", "zh", "ko");

    record Link(String tag, String htmlLang, String key, String href, boolean current) {
    }

    private NaviLanguage() {
    }

    static String of(Locale locale) {
        if ("ja".equals(locale.getLanguage()) && "yasashii".equalsIgnoreCase(locale.getVariant())) {
            return "ja-yasashii";
        }
        return TAGS.contains(locale.getLanguage()) ? locale.getLanguage() : "ja";
    }

    static boolean japanese(String tag) {
        return tag.startsWith("ja");
    }

    static String htmlLang(String tag) {
        return japanese(tag) ? "ja" : tag;
    }

    static List<Link> links(HttpServletRequest request, String current) {
        return TAGS.stream().map(tag -> new Link(tag, htmlLang(tag), "navi.lang." + tag,
                UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                        .replaceQueryParam("lang", tag).build().toUriString(), tag.equals(current))).toList();
    }
}

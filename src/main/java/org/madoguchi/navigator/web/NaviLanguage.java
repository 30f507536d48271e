package org.madoguchi.navigator.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.madoguchi.platform.Languages;

/** The navigator's five languages: Japanese, やさしい日本語, English, Chinese and Korean. */
final class NaviLanguage {

    private NaviLanguage() {
    }

    static String of(Locale locale) {
        return Languages.current(locale);
    }

    static boolean japanese(String tag) {
        return Languages.japanese(tag);
    }

    static String htmlLang(String tag) {
        return Languages.htmlLang(tag);
    }

    static List<Languages.Link> links(HttpServletRequest request, String current) {
        return Languages.links(request, current, "navi.lang.", Languages.TAGS);
    }
}

package org.madoguchi.liveinfo.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.madoguchi.platform.Languages;

/** The public live pages' five languages, named by the live pages' own messages. */
final class LiveLanguages {

    static final Locale EASY_JAPANESE = Locale.forLanguageTag(Languages.EASY);

    private LiveLanguages() {
    }

    static List<Languages.Link> links(HttpServletRequest request, Locale locale) {
        return Languages.links(request, current(locale), "live.lang.", Languages.TAGS);
    }

    static String current(Locale locale) {
        return Languages.current(locale);
    }

    static boolean isEasy(Locale locale) {
        return Languages.isEasy(locale);
    }
}

package org.madoguchi.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The languages of resident screens and the links that switch between them. やさしい日本語 (easy Japanese) is the
 * locale {@code ja-yasashii} (language ja, variant "yasashii"): a well-formed language tag, so it travels through
 * {@code ?lang=} and the {@code madoguchi_lang} cookie unchanged, and its messages live in
 * {@code *_ja__yasashii.properties}.
 */
public final class Languages {

    public static final String EASY = "ja-yasashii";
    public static final List<String> TAGS = List.of("ja", EASY, "en", "zh", "ko");

    /** One switch: {@code key} is the message naming the language in itself, {@code href} the same page in it. */
    public record Link(String tag, String htmlLang, String key, String href, boolean current) {
    }

    private Languages() {
    }

    /** The tag of a locale among {@link #TAGS}; Japanese for anything else. */
    public static String current(Locale locale) {
        if (isEasy(locale)) {
            return EASY;
        }
        return TAGS.contains(locale.getLanguage()) ? locale.getLanguage() : "ja";
    }

    public static boolean isEasy(Locale locale) {
        return "ja".equals(locale.getLanguage()) && "yasashii".equalsIgnoreCase(locale.getVariant());
    }

    public static boolean japanese(String tag) {
        return tag.startsWith("ja");
    }

    /** The value for {@code <html lang>}: easy Japanese is still Japanese to a screen reader. */
    public static String htmlLang(String tag) {
        return japanese(tag) ? "ja" : tag;
    }

    /** Links to this page in each language, keeping its other parameters (the office, say). */
    public static List<Link> links(HttpServletRequest request, String current, String keyPrefix, List<String> tags) {
        return tags.stream().map(tag -> new Link(tag, htmlLang(tag), keyPrefix + tag,
                UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                        .replaceQueryParam("lang", tag).build().toUriString(), tag.equals(current))).toList();
    }
}

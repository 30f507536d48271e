package org.madoguchi.liveinfo.web;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Names for the live pages in the visitor's language: the floor configuration has Japanese and English
 * names only, so other languages come from the liveinfo bundle, falling back to English, and Japanese
 * (including やさしい日本語) to the configured Japanese name.
 */
final class LiveText {

    private final MessageSource messages;
    private final Locale locale;

    LiveText(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    boolean japanese() {
        return "ja".equals(locale.getLanguage());
    }

    public String department(String id, String nameJa, String nameEn) {
        String fallback = japanese() ? nameJa : nameEn;
        return messages.getMessage("live.dept." + id, null, fallback, locale);
    }

    public String counter(String labelJa, String labelEn, Integer number) {
        if (number != null) {
            return messages.getMessage("live.counter", new Object[] {number}, locale);
        }
        return japanese() ? labelJa : labelEn;
    }

    /** "1階" and "A" as the visitor reads it: 1階 A, Floor 1, area A, 1楼 A区, 1층 A구역. */
    public String place(String floor, String area) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(floor == null ? "" : floor);
        if (m.find()) {
            return messages.getMessage("live.place", new Object[] {m.group(1), area}, locale);
        }
        return floor + " " + area;
    }

    public String msg(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}

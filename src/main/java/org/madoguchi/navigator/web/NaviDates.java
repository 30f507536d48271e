package org.madoguchi.navigator.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.madoguchi.platform.JapaneseDates;

/** Dates as the navigator shows them: 和暦 with the weekday in Japanese, each language's usual form otherwise. */
final class NaviDates {

    private static final String WEEKDAYS_JA = "月火水木金土日";
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("uuuu年M月d日（EEEE）", Locale.CHINESE);
    private static final DateTimeFormatter KO = DateTimeFormatter.ofPattern("uuuu년 M월 d일 (EEEE)", Locale.KOREAN);

    private NaviDates() {
    }

    /** e.g. 令和8年12月7日（月）, Monday, 7 December 2026, 2026年12月7日（星期一）, 2026년 12월 7일 (월요일). */
    static String format(LocalDate date, String lang) {
        return switch (lang) {
            case "en" -> EN.format(date);
            case "zh" -> ZH.format(date);
            case "ko" -> KO.format(date);
            default -> JapaneseDates.wareki(date) + "（" + WEEKDAYS_JA.charAt(date.getDayOfWeek().getValue() - 1) + "）";
        };
    }

    /** The value put back into the date field: 和暦 for Japanese pages (it parses back), ISO otherwise. */
    static String field(LocalDate date, String lang) {
        return NaviLanguage.japanese(lang) ? JapaneseDates.wareki(date) : date.toString();
    }
}

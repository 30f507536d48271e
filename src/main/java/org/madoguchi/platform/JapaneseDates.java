package org.madoguchi.platform;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as residents type them on Japanese forms: 和暦 (令和8年11月23日, R8.11.23, 平成元年1月8日) or 西暦
 * (2026/11/23, 2026年11月23日, 20261123), in full-width or half-width digits. Dates that never existed are
 * refused, including those outside their era (令和元年4月1日 was still 平成; 平成31年5月1日 was already 令和).
 */
public final class JapaneseDates {

    /** A Japanese era with its first day (Gregorian); it lasts until the day before the next one's. */
    public record Era(String name, char letter, LocalDate start) {
    }

    // 明治 before 1873 followed the lunisolar calendar; dates we accept start with the Gregorian calendar.
    private static final List<Era> ERAS = List.of(
            new Era("明治", 'M', LocalDate.of(1873, 1, 1)),
            new Era("大正", 'T', LocalDate.of(1912, 7, 30)),
            new Era("昭和", 'S', LocalDate.of(1926, 12, 25)),
            new Era("平成", 'H', LocalDate.of(1989, 1, 8)),
            new Era("令和", 'R', LocalDate.of(2019, 5, 1)));

    private static final Pattern WAREKI = Pattern.compile(
            "(明治|大正|昭和|平成|令和|[MTSHRmtshr])\\s*(元|\\d{1,2})\\s*(?:年|[./\\-])\\s*(\\d{1,2})\\s*(?:月|[./\\-])\\s*(\\d{1,2})\\s*日?");
    private static final Pattern SEIREKI = Pattern.compile(
            "(\\d{4})\\s*(?:年|[./\\-])\\s*(\\d{1,2})\\s*(?:月|[./\\-])\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private JapaneseDates() {
    }

    /** The date, or empty when the text is not a date that existed. */
    public static Optional<LocalDate> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses 和暦 or 西暦. Throws {@link IllegalArgumentException} with a Japanese message that can be shown
     * beside the field as it is.
     */
    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("日付を入力してください。");
        }
        String s = normalise(text);
        Matcher m = WAREKI.matcher(s);
        if (m.matches()) {
            Era era = era(m.group(1));
            int year = "元".equals(m.group(2)) ? 1 : Integer.parseInt(m.group(2));
            if (year < 1) {
                throw new IllegalArgumentException(era.name() + "0年という年はありません。");
            }
            LocalDate date = date(era.start().getYear() + year - 1, m.group(3), m.group(4));
            Optional<Era> next = ERAS.stream().filter(e -> e.start().isAfter(era.start())).findFirst();
            // The first year of an era begins on its first day, not on 1 January.
            if (date.isBefore(era.start()) || next.isPresent() && !date.isBefore(next.get().start())) {
                throw new IllegalArgumentException(wareki(date).isEmpty()
                        ? "この日付は" + era.name() + "の期間にありません。"
                        : "この日付は" + era.name() + "の期間にありません（" + wareki(date) + "です）。");
            }
            return date;
        }
        m = SEIREKI.matcher(s);
        if (!m.matches()) {
            m = COMPACT.matcher(s);
        }
        if (m.matches()) {
            return date(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
        }
        throw new IllegalArgumentException("日付は「令和8年11月23日」「R8.11.23」「2026/11/23」のように入力してください。");
    }

    /** 和暦 with 元年 for the first year, e.g. 令和元年5月1日, 平成31年4月30日; empty before 明治6年. */
    public static String wareki(LocalDate date) {
        Era era = null;
        for (Era e : ERAS) {
            if (!date.isBefore(e.start())) {
                era = e;
            }
        }
        if (era == null) {
            return "";
        }
        int year = date.getYear() - era.start().getYear() + 1;
        return era.name() + (year == 1 ? "元" : String.valueOf(year)) + "年" + date.getMonthValue() + "月"
                + date.getDayOfMonth() + "日";
    }

    /** The era a date falls in, if it is on or after 1 January 1873. */
    public static Optional<Era> eraOf(LocalDate date) {
        Era era = null;
        for (Era e : ERAS) {
            if (!date.isBefore(e.start())) {
                era = e;
            }
        }
        return Optional.ofNullable(era);
    }

    private static Era era(String nameOrLetter) {
        for (Era e : ERAS) {
            if (e.name().equals(nameOrLetter) || nameOrLetter.length() == 1
                    && Character.toUpperCase(nameOrLetter.charAt(0)) == e.letter()) {
                return e;
            }
        }
        throw new IllegalArgumentException("元号が分かりません。");
    }

    private static LocalDate date(int year, String month, String day) {
        try {
            return LocalDate.of(year, Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("存在しない日付です（" + month + "月" + day + "日）。");
        }
    }

    /** Full-width digits and letters to half-width, and the many dashes and dots people type to ASCII. */
    private static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case 'ー', '−', '‐', '‑', '‒', '–', '—', '―', '－', 'ｰ', '〜', '～', '~' -> '-';
                case '、', '，', '．', '。', '・' -> '.';
                default -> c;
            });
        }
        return out.toString();
    }
}

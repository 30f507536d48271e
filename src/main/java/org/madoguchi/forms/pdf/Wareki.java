package org.madoguchi.forms.pdf;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Dates as Japanese forms print them: 令和8年11月23日, with 元年 for the first year of an era. */
final class Wareki {

    private Wareki() {
    }

    /** An ISO date ({@code yyyy-MM-dd}) in 和暦; anything else is printed as given, never refused mid-print. */
    static String date(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return date(LocalDate.parse(iso.strip()));
        } catch (DateTimeException e) {
            return iso.strip();
        }
    }

    static String date(LocalDate date) {
        JapaneseDate japanese;
        try {
            japanese = JapaneseDate.from(date);
        } catch (DateTimeException e) {
            // Before 明治6年 the JDK has no era; such a date is printed in 西暦 rather than lost.
            return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
        }
        return eraName(japanese.getEra()) + year(japanese.get(ChronoField.YEAR_OF_ERA)) + "年"
                + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /**
     * A fiscal year (April to March, given by the year it starts in) as 令和8年度. When an era begins during
     * the fiscal year and its first year is that year, municipalities name the whole year in the new era (the
     * year from April 2019 is 令和元年度); an era that begins in its January–March part leaves it in the old
     * one (the year from April 1988 is 昭和63年度, 平成 having begun on 8 January 1989).
     */
    static String fiscalYear(String year) {
        if (year == null || year.isBlank()) {
            return "";
        }
        int start;
        try {
            start = Integer.parseInt(year.strip());
        } catch (NumberFormatException e) {
            return year.strip();
        }
        if (start < 1874 || start > 9998) {
            return year.strip() + "年度";
        }
        JapaneseEra era = JapaneseDate.from(LocalDate.of(start + 1, 3, 31)).getEra();
        if (start - JapaneseChronology.INSTANCE.prolepticYear(era, 1) + 1 < 1) {
            era = JapaneseDate.from(LocalDate.of(start, 4, 1)).getEra();
        }
        int firstYear = JapaneseChronology.INSTANCE.prolepticYear(era, 1);
        return eraName(era) + year(start - firstYear + 1) + "年度";
    }

    /** The calendar year whose income a tax certificate of this fiscal year shows (the year before). */
    static String incomeYearOf(String fiscalYear) {
        try {
            int income = Integer.parseInt(fiscalYear.strip()) - 1;
            if (income < 1874) {
                return "";
            }
            JapaneseDate end = JapaneseDate.from(LocalDate.of(income, 12, 31));
            return eraName(end.getEra()) + year(end.get(ChronoField.YEAR_OF_ERA)) + "年";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String eraName(JapaneseEra era) {
        return era.getDisplayName(TextStyle.FULL, Locale.JAPAN);
    }

    private static String year(int yearOfEra) {
        return yearOfEra == 1 ? "元" : Integer.toString(yearOfEra);
    }
}

package org.madoguchi.statistics;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A Japanese fiscal year (年度), April to March, named by the calendar year it starts in: fiscal 2023 runs from
 * 2023-04-01 to 2024-03-31 and is 令和5年度. Labels follow the audit: 令和/平成 with 元 for the first year, and
 * the short forms R5 / H27 and R6.3 for a month.
 */
public record FiscalYear(int year) implements Comparable<FiscalYear> {

    /** Reiwa began on 2019-05-01, but fiscal 2019 as a whole is 令和元年度 by the usual municipal practice. */
    private static final int REIWA_FIRST = 2019;
    private static final int HEISEI_FIRST = 1989;

    public FiscalYear {
        if (year < HEISEI_FIRST || year > 9999) {
            throw new IllegalArgumentException("fiscal year out of range: " + year);
        }
    }

    public static FiscalYear of(LocalDate date) {
        return new FiscalYear(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1);
    }

    public static FiscalYear of(YearMonth month) {
        return of(month.atDay(1));
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, 4, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(year + 1, 3, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    public FiscalYear previous() {
        return new FiscalYear(year - 1);
    }

    /**
     * The year a statistics page opens on when none is asked for: the last ended year that has records (the one
     * an audit looks at), not an empty year after the records end; the current year when only it has records (a
     * new installation); the last ended year when there are no records at all.
     */
    public static FiscalYear opening(java.util.Collection<FiscalYear> withRecords, LocalDate today) {
        FiscalYear current = of(today);
        FiscalYear lastEnded = current.previous();
        return withRecords.stream().filter(y -> y.compareTo(lastEnded) <= 0).max(FiscalYear::compareTo)
                .or(() -> withRecords.stream().filter(y -> y.compareTo(current) <= 0).max(FiscalYear::compareTo))
                .orElse(lastEnded);
    }

    /** 令和5年度, 令和元年度, 平成27年度. */
    public String labelJa() {
        return eraName() + yearText(eraYear()) + "年度";
    }

    /** 令和5年度（2023年度）: the era label with the Western year alongside. */
    public String labelWithWestern() {
        return labelJa() + "（" + year + "年度）";
    }

    /** R5, R1, H27: the audit's column headings. */
    public String shortLabel() {
        return eraLetter() + eraYear();
    }

    private boolean reiwa() {
        return year >= REIWA_FIRST;
    }

    private String eraName() {
        return reiwa() ? "令和" : "平成";
    }

    private String eraLetter() {
        return reiwa() ? "R" : "H";
    }

    private int eraYear() {
        return reiwa() ? year - REIWA_FIRST + 1 : year - HEISEI_FIRST + 1;
    }

    /**
     * A calendar month in the audit's form, R6.3 or H31.4: the era of the month itself (calendar years count
     * from Reiwa's start in 2019, so January to April 2019 are H31).
     */
    public static String monthLabel(YearMonth month) {
        boolean reiwa = !month.isBefore(YearMonth.of(2019, 5));
        int eraYear = reiwa ? month.getYear() - REIWA_FIRST + 1 : month.getYear() - HEISEI_FIRST + 1;
        return (reiwa ? "R" : "H") + eraYear + "." + month.getMonthValue();
    }

    private static String yearText(int eraYear) {
        return eraYear == 1 ? "元" : Integer.toString(eraYear);
    }

    @Override
    public int compareTo(FiscalYear other) {
        return Integer.compare(year, other.year);
    }

    @Override
    public String toString() {
        return labelWithWestern();
    }
}

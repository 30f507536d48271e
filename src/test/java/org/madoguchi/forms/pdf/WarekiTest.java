package org.madoguchi.forms.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarekiTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-23, 令和8年11月23日",
            "2019-04-30, 平成31年4月30日",
            "2019-05-01, 令和元年5月1日",
            "1989-01-07, 昭和64年1月7日",
            "1989-01-08, 平成元年1月8日",
            "1926-12-25, 昭和元年12月25日",
            "1912-07-30, 大正元年7月30日",
            "1900-02-01, 明治33年2月1日",
    })
    void datesAcrossEraBoundaries(String iso, String expected) {
        assertThat(Wareki.date(iso)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2026, 令和8年度",
            "2019, 令和元年度",
            "2018, 平成30年度",
            "1989, 平成元年度",
            "1988, 昭和63年度",
    })
    void fiscalYears(String year, String expected) {
        assertThat(Wareki.fiscalYear(year)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2026, 令和7年", "2020, 令和元年", "2019, 平成30年"})
    void taxCertificatesShowTheIncomeOfTheYearBefore(String fiscalYear, String expected) {
        assertThat(Wareki.incomeYearOf(fiscalYear)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(value = {"'', ''", "'昭和60年4月1日', '昭和60年4月1日'", "'1985/04/01', '1985/04/01'"})
    void whatIsNoIsoDateIsPrintedAsGivenNeverRefused(String input, String expected) {
        assertThat(Wareki.date(input)).isEqualTo(expected);
    }
}

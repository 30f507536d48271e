package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiscalYearTest {

    @Test
    void theYearTurnsOnTheFirstOfApril() {
        assertThat(FiscalYear.of(LocalDate.of(2024, 3, 31))).isEqualTo(new FiscalYear(2023));
        assertThat(FiscalYear.of(LocalDate.of(2024, 3, 31)).labelJa()).isEqualTo("令和5年度");
        assertThat(FiscalYear.of(LocalDate.of(2024, 4, 1)).labelJa()).isEqualTo("令和6年度");
        assertThat(FiscalYear.of(LocalDate.of(2024, 1, 1)).year()).isEqualTo(2023);
        assertThat(new FiscalYear(2023).firstDay()).isEqualTo(LocalDate.of(2023, 4, 1));
        assertThat(new FiscalYear(2023).lastDay()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(new FiscalYear(2023).contains(LocalDate.of(2024, 3, 31))).isTrue();
        assertThat(new FiscalYear(2023).contains(LocalDate.of(2024, 4, 1))).isFalse();
        assertThat(new FiscalYear(2023).contains(LocalDate.of(2023, 3, 31))).isFalse();
    }

    @Test
    void eraLabelsFollowTheAudit() {
        assertThat(FiscalYear.of(LocalDate.of(2019, 4, 1)).labelJa()).isEqualTo("令和元年度");
        assertThat(FiscalYear.of(LocalDate.of(2019, 3, 31)).labelJa()).isEqualTo("平成30年度");
        assertThat(new FiscalYear(2019).shortLabel()).isEqualTo("R1");
        assertThat(new FiscalYear(2015).shortLabel()).isEqualTo("H27");
        assertThat(new FiscalYear(2015).labelJa()).isEqualTo("平成27年度");
        assertThat(new FiscalYear(2018).shortLabel()).isEqualTo("H30");
        assertThat(new FiscalYear(2023).shortLabel()).isEqualTo("R5");
        assertThat(new FiscalYear(2023).labelWithWestern()).isEqualTo("令和5年度（2023年度）");
        assertThat(new FiscalYear(1989).labelJa()).isEqualTo("平成元年度");
    }

    @Test
    void monthsAreNamedByTheirOwnEra() {
        assertThat(FiscalYear.monthLabel(YearMonth.of(2024, 3))).isEqualTo("R6.3");
        assertThat(FiscalYear.monthLabel(YearMonth.of(2023, 8))).isEqualTo("R5.8");
        assertThat(FiscalYear.monthLabel(YearMonth.of(2019, 4))).isEqualTo("H31.4");
        assertThat(FiscalYear.monthLabel(YearMonth.of(2019, 5))).isEqualTo("R1.5");
    }

    @Test
    void pagesOpenOnTheLatestEndedYearWithRecords() {
        LocalDate today = LocalDate.of(2026, 12, 4);
        List<FiscalYear> history = List.of(new FiscalYear(2015), new FiscalYear(2022), new FiscalYear(2023));
        // History ends with fiscal 2023: not the empty fiscal 2025 that ended last.
        assertThat(FiscalYear.opening(history, today)).isEqualTo(new FiscalYear(2023));
        // The running year does not count while an ended one has records.
        List<FiscalYear> withToday = List.of(new FiscalYear(2023), new FiscalYear(2025), new FiscalYear(2026));
        assertThat(FiscalYear.opening(withToday, today)).isEqualTo(new FiscalYear(2025));
        // A new installation: only the running year has records.
        assertThat(FiscalYear.opening(List.of(new FiscalYear(2026)), today)).isEqualTo(new FiscalYear(2026));
        // No records at all, or only in the future (a wrong clock): the year that ended last.
        assertThat(FiscalYear.opening(List.of(), today)).isEqualTo(new FiscalYear(2025));
        assertThat(FiscalYear.opening(List.of(new FiscalYear(2030)), today)).isEqualTo(new FiscalYear(2025));
    }

    @Test
    void yearsBeforeHeiseiAreRefused() {
        assertThatThrownBy(() -> new FiscalYear(1988)).isInstanceOf(IllegalArgumentException.class);
    }
}

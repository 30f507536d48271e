package org.madoguchi.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.madoguchi.liveinfo.OfficeDays;
import org.madoguchi.navigator.flow.Due;
import org.madoguchi.navigator.flow.DueDate;
import org.madoguchi.navigator.flow.Flow;
import org.madoguchi.navigator.flow.OutcomeItem;
import org.madoguchi.navigator.flow.Question;

/** The deadline arithmetic: which day is the last, closed days, passed and not-yet deadlines, date answers. */
class DeadlineTest {

    private static final Predicate<LocalDate> WEEKDAYS = d -> d.getDayOfWeek().getValue() <= 5;

    private static Due due(int days, boolean firstDay) {
        return new Due("day", days, Due.Kind.NOTIFICATION, firstDay, false, 1);
    }

    @Test
    void theDayOfTheEventDoesNotCountByDefault() {
        // 民法第140条: 11月23日に引っ越した → 14日目は12月7日。
        assertThat(due(14, false).lastDay(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2026, 12, 7));
    }

    @Test
    void aBirthCountsTheDayOfBirth() {
        // 戸籍法第43条: 11月1日生まれ → 1日を1日目として14日目の11月14日まで。
        assertThat(due(14, true).lastDay(LocalDate.of(2026, 11, 1))).isEqualTo(LocalDate.of(2026, 11, 14));
        // 死亡届は知った日を含めて7日: 11月23日 → 11月29日。
        assertThat(due(7, true).lastDay(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2026, 11, 29));
    }

    @Test
    void periodsRunAcrossMonthEndsAndLeapDays() {
        assertThat(due(14, true).lastDay(LocalDate.of(2026, 1, 25))).isEqualTo(LocalDate.of(2026, 2, 7));
        assertThat(due(14, false).lastDay(LocalDate.of(2028, 2, 20))).isEqualTo(LocalDate.of(2028, 3, 5));
        assertThat(due(15, false).lastDay(LocalDate.of(2027, 2, 14))).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(due(14, false).lastDay(LocalDate.of(2026, 12, 25))).isEqualTo(LocalDate.of(2027, 1, 8));
    }

    @Test
    void aPeriodAcrossTheEraChange() {
        // 平成31年4月30日の翌日は令和元年5月1日: 4月20日生まれの14日目は令和元年5月3日。
        LocalDate last = due(14, true).lastDay(LocalDate.of(2019, 4, 20));
        assertThat(last).isEqualTo(LocalDate.of(2019, 5, 3));
        assertThat(org.madoguchi.platform.JapaneseDates.wareki(last)).isEqualTo("令和元年5月3日");
        assertThat(org.madoguchi.platform.JapaneseDates.wareki(last.minusDays(3))).isEqualTo("平成31年4月30日");
    }

    @Test
    void aLastDayWhenTheOfficeIsClosedNamesTheNextOpenDay() {
        // 2026-12-06 is a Sunday.
        DueDate d = DueDate.of(due(14, true), LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23), WEEKDAYS);
        assertThat(d.lastDay()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(d.lastDay().getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(d.closed()).isTrue();
        assertThat(d.nextOpen()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(d.passed()).isFalse();
    }

    @Test
    void theOfficeCalendarKnowsHolidaysAndTheNewYearClosure() {
        // 12月29日〜1月3日は閉庁: 12月20日の転入の期限1月3日は閉庁日、翌開庁日は1月4日（月）。
        DueDate d = DueDate.of(due(14, false), LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 21),
                OfficeDays::isBusinessDay);
        assertThat(d.lastDay()).isEqualTo(LocalDate.of(2027, 1, 3));
        assertThat(d.closed()).isTrue();
        assertThat(d.nextOpen()).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void passedAndNotYet() {
        Due tennyu = new Due("day", 14, Due.Kind.NOTIFICATION, false, true, 1);
        LocalDate today = LocalDate.of(2026, 11, 24);
        assertThat(DueDate.of(tennyu, LocalDate.of(2026, 11, 10), today, WEEKDAYS).passed()).isFalse(); // last day today
        assertThat(DueDate.of(tennyu, LocalDate.of(2026, 11, 9), today, WEEKDAYS).passed()).isTrue();
        assertThat(DueDate.of(tennyu, LocalDate.of(2026, 11, 25), today, WEEKDAYS).notYet()).isTrue();
        assertThat(DueDate.of(tennyu, today, today, WEEKDAYS).notYet()).isFalse();
    }

    @Test
    void dateAnswersAreCheckedAgainstTheBounds() {
        Flow shussei = Flows.flow("shussei");
        Question born = shussei.question("born").orElseThrow();
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertThat(born.accepts("2026-11-23", today)).isTrue();
        assertThat(born.accepts("2026-11-24", today)).as("a birth in the future").isFalse();
        assertThat(born.accepts("2025-11-22", today)).as("more than a year ago").isFalse();
        assertThat(born.accepts("2026-02-30", today)).isFalse();
        assertThat(born.accepts("R8.11.23", today)).as("the address carries ISO only").isFalse();
        assertThat(born.accepts(Question.UNKNOWN, today)).as("not optional").isFalse();
        assertThat(Flows.flow("shibo").question("died").orElseThrow().accepts(Question.UNKNOWN, today)).isTrue();
    }

    @Test
    void anUnknownDateGivesNoComputedDeadline() {
        Flow shibo = Flows.flow("shibo");
        OutcomeItem notice = shibo.outcomes().stream().filter(i -> i.id().equals("shibo")).findFirst().orElseThrow();
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertThat(shibo.dueDate(notice, Map.of("died", List.of(Question.UNKNOWN)), today, WEEKDAYS)).isEmpty();
        assertThat(shibo.dueDate(notice, Map.of("died", List.of("2026-11-20")), today, WEEKDAYS))
                .get().extracting(DueDate::lastDay).isEqualTo(LocalDate.of(2026, 11, 26));
    }
}

package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.madoguchi.liveinfo.forecast.BusinessCalendar;
import org.madoguchi.liveinfo.forecast.Holidays;
import org.madoguchi.platform.OpeningCalendar;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The opening state of an office from its hours, the bundled holiday calendar and a closing of the day. */
class OfficeHoursTest {

    private static final Floor.Office HONCHO = new Floor.Office("honcho", "本庁舎南館", "City Hall South Building",
            "Asia/Tokyo", LocalTime.of(8, 30), LocalTime.of(17, 15), true);
    private static final Holidays HOLIDAYS = Holidays.parse(OfficeHoursTest.class.getResourceAsStream("/liveinfo/holidays.yml"));
    /** The same rules as the application's calendar, on the bundled holiday data. */
    private static final OpeningCalendar CALENDAR = new OpeningCalendar() {
        @Override
        public Optional<Closure> closure(LocalDate date) {
            return new BusinessCalendar(HOLIDAYS).closure(date);
        }

        @Override
        public Optional<HolidayName> holiday(LocalDate date) {
            return HOLIDAYS.on(date).map(h -> new HolidayName(h.name(), h.nameEn()));
        }
    };

    private static OpeningState at(LocalDateTime local, boolean dayClosed) {
        return OfficeHours.at(HONCHO, local, Instant.EPOCH, CALENDAR, dayClosed);
    }

    @Test
    void aWeekdayIsBeforeOpeningThenOpenThenClosedForTodayAtClosingTime() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        OpeningState early = at(monday.atTime(8, 29, 59), false);
        assertThat(early.phase()).isEqualTo(OpeningState.Phase.BEFORE_OPENING);
        assertThat(early.nextOpenDate()).isEqualTo(monday);
        assertThat(at(monday.atTime(8, 30), false).phase()).isEqualTo(OpeningState.Phase.OPEN);
        assertThat(at(monday.atTime(17, 14, 59), false).accepting()).isTrue();
        OpeningState closed = at(monday.atTime(17, 15), false);
        assertThat(closed.phase()).isEqualTo(OpeningState.Phase.CLOSED_FOR_TODAY);
        assertThat(closed.closedByStaff()).isFalse();
        assertThat(closed.nextOpenDate()).isEqualTo(LocalDate.of(2026, 12, 8));
    }

    @Test
    void aDayClosedByStaffBeforeClosingTimeIsClosedForToday() {
        OpeningState state = at(LocalDateTime.of(2026, 12, 7, 15, 0), true);
        assertThat(state.phase()).isEqualTo(OpeningState.Phase.CLOSED_FOR_TODAY);
        assertThat(state.closedByStaff()).isTrue();
        assertThat(state.accepting()).isFalse();
    }

    @Test
    void fridayEveningOpensNextOnMonday() {
        assertThat(at(LocalDateTime.of(2026, 12, 11, 18, 0), false).nextOpenDate()).isEqualTo(LocalDate.of(2026, 12, 14));
    }

    @Test
    void weekendsAndHolidaysAreClosedDaysWithTheNextOpeningDay() {
        OpeningState sunday = at(LocalDateTime.of(2026, 12, 6, 10, 0), false);
        assertThat(sunday.phase()).isEqualTo(OpeningState.Phase.CLOSED_DAY);
        assertThat(sunday.holidayJa()).isNull();
        assertThat(sunday.nextOpenDate()).isEqualTo(LocalDate.of(2026, 12, 7));
        OpeningState comingOfAge = at(LocalDateTime.of(2027, 1, 11, 10, 0), false);
        assertThat(comingOfAge.phase()).isEqualTo(OpeningState.Phase.CLOSED_DAY);
        assertThat(comingOfAge.holidayJa()).isEqualTo("成人の日");
        assertThat(comingOfAge.nextOpenDate()).isEqualTo(LocalDate.of(2027, 1, 12));
    }

    @Test
    void theYearEndClosureRunsFrom1229To0103() {
        assertThat(at(LocalDateTime.of(2026, 12, 28, 10, 0), false).phase()).isEqualTo(OpeningState.Phase.OPEN);
        for (LocalDate d = LocalDate.of(2026, 12, 29); d.isBefore(LocalDate.of(2027, 1, 4)); d = d.plusDays(1)) {
            OpeningState state = at(d.atTime(10, 0), false);
            assertThat(state.phase()).as(d.toString()).isEqualTo(OpeningState.Phase.YEAR_END);
            assertThat(state.nextOpenDate()).isEqualTo(LocalDate.of(2027, 1, 4));
        }
    }

    @Test
    void withoutTheCalendarOnlyAClosedDayCounts() {
        assertThat(OfficeHours.at(HONCHO, LocalDateTime.of(2026, 12, 6, 23, 0), Instant.EPOCH, null, false).accepting())
                .isTrue();
        assertThat(OfficeHours.at(HONCHO, LocalDateTime.of(2026, 12, 7, 10, 0), Instant.EPOCH, null, true).phase())
                .isEqualTo(OpeningState.Phase.CLOSED_FOR_TODAY);
    }

    @Test
    void theNoticeSaysTheStateTheNextDayAndTheHoursInEachLanguage() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        OpeningState closed = at(LocalDateTime.of(2026, 12, 7, 18, 0), false);
        OpeningText.Notice ja = OpeningText.of(closed, messages, Locale.JAPANESE);
        assertThat(ja.headline()).isEqualTo("本日の受付は終了しました");
        assertThat(ja.next()).isEqualTo("次の受付は 12月8日（火） 8:30 からです。");
        assertThat(ja.hours()).contains("8:30〜17:15");
        OpeningText.Notice easy = OpeningText.of(closed, messages, Locale.forLanguageTag("ja-yasashii"));
        assertThat(easy.headline()).isEqualTo("きょうの 受付(うけつけ)は おわりました");
        assertThat(OpeningText.of(closed, messages, Locale.ENGLISH).next())
                .isEqualTo("Reception opens next on Tuesday, December 8 at 8:30.");
        assertThat(OpeningText.of(closed, messages, Locale.CHINESE).next()).contains("12月8日（星期二）");
        assertThat(OpeningText.of(closed, messages, Locale.KOREAN).next()).contains("12월 8일 (화)");
        OpeningState holiday = at(LocalDateTime.of(2027, 1, 11, 10, 0), false);
        assertThat(OpeningText.of(holiday, messages, Locale.JAPANESE).headline()).contains("成人の日");
        assertThat(OpeningText.of(holiday, messages, Locale.ENGLISH).headline()).contains("Coming of Age Day");
        OpeningText.Notice open = OpeningText.of(at(LocalDateTime.of(2026, 12, 7, 10, 0), false), messages,
                Locale.JAPANESE);
        assertThat(open.accepting()).isTrue();
        assertThat(open.next()).isEmpty();
    }
}

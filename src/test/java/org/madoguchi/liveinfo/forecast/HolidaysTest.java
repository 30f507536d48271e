package org.madoguchi.liveinfo.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled holiday_jp data, the drop-in replacement file and its refresh. */
class HolidaysTest {

    private final Holidays bundled = HolidaySource.bundled();

    @Test
    void knownHolidaysAreRecognised() {
        assertThat(bundled.on(LocalDate.of(2026, 11, 23))).hasValueSatisfying(h -> assertThat(h.name()).isEqualTo("勤労感謝の日"));
        assertThat(bundled.on(LocalDate.of(2024, 2, 23))).hasValueSatisfying(h -> assertThat(h.name()).isEqualTo("天皇誕生日"));
        // Substitute holiday: 建国記念の日 fell on Sunday 2024-02-11.
        assertThat(bundled.on(LocalDate.of(2024, 2, 12))).hasValueSatisfying(h -> assertThat(h.name()).contains("振替休日"));
        // 国民の休日 between two holidays: 2026-09-22 between 敬老の日 and 秋分の日.
        assertThat(bundled.isHoliday(LocalDate.of(2026, 9, 22))).isTrue();
        // Moved holidays of the Tokyo Olympics year: スポーツの日 on 2021-07-23, not in October.
        assertThat(bundled.isHoliday(LocalDate.of(2021, 7, 23))).isTrue();
        assertThat(bundled.isHoliday(LocalDate.of(2021, 10, 11))).isFalse();
        assertThat(bundled.isHoliday(LocalDate.of(2026, 12, 1))).isFalse();
        assertThat(bundled.version()).isEqualTo("2.5.1");
        assertThat(bundled.last().getYear()).isGreaterThanOrEqualTo(2050);
    }

    @Test
    void readsHolidayJpsOwnYamlShapes() {
        String plain = "2030-01-01: 元日\n'2030-01-14': 成人の日\n";
        Holidays h = Holidays.parse(new ByteArrayInputStream(plain.getBytes(StandardCharsets.UTF_8)));
        assertThat(h.on(LocalDate.of(2030, 1, 1))).hasValueSatisfying(x -> assertThat(x.name()).isEqualTo("元日"));
        assertThat(h.isHoliday(LocalDate.of(2030, 1, 14))).isTrue();
        assertThat(h.size()).isEqualTo(2);
        assertThatThrownBy(() -> Holidays.parse(new ByteArrayInputStream("- just a list".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfiguredFileOverridesTheBundledDataAndIsReloadedWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("holidays.yml");
        Files.writeString(file, "holidays:\n  2031-06-10: {name: \"臨時の休日\", name_en: \"Extra holiday\"}\n");
        MutableClock clock = new MutableClock();
        HolidaySource source = new HolidaySource(file, Duration.ofMinutes(1), clock);
        assertThat(source.fromFile()).isTrue();
        assertThat(source.holidays().isHoliday(LocalDate.of(2031, 6, 10))).isTrue();
        assertThat(source.holidays().isHoliday(LocalDate.of(2026, 11, 23))).isFalse();

        Files.writeString(file, "2031-06-11: 別の休日\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        // Not looked at again before the interval has passed…
        assertThat(source.holidays().isHoliday(LocalDate.of(2031, 6, 11))).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(source.holidays().isHoliday(LocalDate.of(2031, 6, 11))).isTrue();
        assertThat(source.holidays().isHoliday(LocalDate.of(2031, 6, 10))).isFalse();

        // A broken replacement keeps the data in use.
        Files.writeString(file, "not: [valid");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(source.holidays().isHoliday(LocalDate.of(2031, 6, 11))).isTrue();
    }

    @Test
    void withoutAFileTheBundledDataIsUsed() {
        HolidaySource source = new HolidaySource(null, Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(source.fromFile()).isFalse();
        assertThat(source.holidays().isHoliday(LocalDate.of(2024, 2, 12))).isTrue();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

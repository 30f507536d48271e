package org.madoguchi.reception.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoClockTest {

    /** A real clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-04T14:30:00Z"); // 23:30 in Tokyo

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock real = new ManualClock();
    private final DemoClock clock = new DemoClock(real, new DemoProperties(true, null, 60.0, null, null));

    @Test
    void followsTheRealClockUntilTheDemoHasChosenItsDay() {
        assertThat(clock.instant()).isEqualTo(real.now);
    }

    @Test
    void runsTheReplayedDaySpeedTimesFasterFromWhereItWasSet() {
        Instant opening = Instant.parse("2026-03-01T23:30:00Z"); // 08:30 on Monday 2 March in Tokyo
        clock.moveTo(opening);
        assertThat(clock.instant()).isEqualTo(opening);
        real.now = real.now.plusSeconds(90);
        assertThat(clock.instant()).isEqualTo(opening.plus(Duration.ofMinutes(90)));
        Instant nextDay = Instant.parse("2026-03-02T23:30:00Z");
        clock.moveTo(nextDay);
        real.now = real.now.plusMillis(500);
        assertThat(clock.instant()).isEqualTo(nextDay.plusSeconds(30));
    }
}

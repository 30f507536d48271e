package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Finding 9: guessing backs off per account and client, spraying per client, and a clerk is never kept out long. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-04T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
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
    };
    private final LoginThrottle throttle = new LoginThrottle(clock, 5, 30, 50, Duration.ofMinutes(15), Duration.ofMinutes(1));

    @Test
    void fiveFreeFailuresThenDoublingLocksUpToTheCap() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("clerk", "10.0.0.1")).isEmpty();
        }
        assertThat(throttle.failed("clerk", "10.0.0.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("clerk", "10.0.0.1")).isPresent();
        assertThat(throttle.waitBefore("clerk", "10.0.0.2")).as("another PC is not locked").isEmpty();
        assertThat(throttle.failed("clerk", "10.0.0.1")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 20; i++) {
            throttle.failed("clerk", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("clerk", "10.0.0.1")).hasValueSatisfying(d ->
                assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(15)).isGreaterThan(Duration.ofMinutes(14)));
    }

    @Test
    void aSuccessEndsTheStrictCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("clerk", "10.0.0.1");
        }
        throttle.succeeded("clerk", "10.0.0.1");
        assertThat(throttle.failed("clerk", "10.0.0.1")).isEmpty();
    }

    @Test
    void sprayingManyAccountsFromOneClientIsThrottled() {
        for (int i = 0; i < 29; i++) {
            assertThat(throttle.failed("name" + i, "203.0.113.9")).isEmpty();
        }
        assertThat(throttle.failed("name29", "203.0.113.9")).isPresent();
        assertThat(throttle.waitBefore("somebody-else", "203.0.113.9")).isPresent();
        assertThat(throttle.waitBefore("somebody-else", "10.0.0.1")).isEmpty();
    }

    @Test
    void sprayingFromTheFloorsSharedAddressDoesNotKeepOutClerksWhoSignedInThereBefore() {
        throttle.succeeded("clerk", "192.0.2.1");
        for (int i = 0; i < 40; i++) {
            throttle.failed("name" + i, "192.0.2.1");
        }
        assertThat(throttle.waitBefore("clerk", "192.0.2.1")).as("known at this address").isEmpty();
        assertThat(throttle.waitBefore("newcomer", "192.0.2.1")).as("never signed in from here").isPresent();
        now = now.plus(Duration.ofDays(31));
        for (int i = 0; i < 30; i++) {
            throttle.failed("late" + i, "192.0.2.1");
        }
        assertThat(throttle.waitBefore("clerk", "192.0.2.1")).as("a month later the pass has lapsed").isPresent();
    }

    @Test
    void guessesAtOneAccountFromEverywhereSlowItButNeverLockItForLong() {
        for (int i = 0; i < 200; i++) {
            throttle.failed("clerk", "198.51.100." + i);
        }
        assertThat(throttle.waitBefore("clerk", "10.0.0.1")).hasValueSatisfying(d ->
                assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(1)));
        now = now.plus(Duration.ofMinutes(1)).plusSeconds(1);
        assertThat(throttle.waitBefore("clerk", "10.0.0.1")).as("the clerk's own PC gets in a minute later").isEmpty();
    }
}

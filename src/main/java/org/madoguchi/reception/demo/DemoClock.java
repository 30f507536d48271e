package org.madoguchi.reception.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.madoguchi.reception.BusinessClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The floor's clock while the demo runs: the replayed day, {@code speed} times faster than real time. It replaces
 * the real clock for the reception and the screens only, so the real time of day (a night, a weekend) can
 * neither close the demo's day nor leave its screens empty; sign-ins, backups and mail keep the real clock.
 */
@Component
@Primary
@ConditionalOnProperty(prefix = "madoguchi.demo", name = "enabled", havingValue = "true")
class DemoClock implements BusinessClock {

    /** From {@code real} on the real clock, business time runs on from {@code business}. */
    private record Anchor(Instant real, Instant business) {
    }

    private final Clock real;
    private final double speed;
    /** Null until the simulator has chosen its day; until then the floor keeps the real time. */
    private volatile Anchor anchor;

    DemoClock(Clock clock, DemoProperties properties) {
        this.real = clock;
        this.speed = properties.speed();
    }

    @Override
    public Instant instant() {
        Anchor a = anchor;
        Instant now = real.instant();
        if (a == null) {
            return now;
        }
        // Microseconds: a long holds centuries of them even at the highest speed.
        long elapsed = ChronoUnit.MICROS.between(a.real(), now);
        return a.business().plus((long) (elapsed * speed), ChronoUnit.MICROS);
    }

    /** Sets the floor's time to {@code business} (a day's opening); it runs on from there at the demo's speed. */
    void moveTo(Instant business) {
        anchor = new Anchor(real.instant(), business);
    }

    double speed() {
        return speed;
    }
}

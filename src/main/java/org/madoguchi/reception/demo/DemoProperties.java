package org.madoguchi.reception.demo;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo visitor simulator (off unless {@code madoguchi.demo.enabled=true}).
 *
 * @param enabled run the simulator: it issues tickets and works the counters through the real reception service,
 *                and the floor runs on the demo's clock instead of the real one
 * @param day the business day to replay from opening; by default the first Monday of the latest March, Itabashi's
 *            busiest season and weekday. A day the office already has tickets on is skipped (see {@link DemoDays})
 * @param speed simulated seconds per real second; 1 replays the day in real time, 60 runs 08:30 to 17:15 in under
 *              9 minutes
 * @param volume share of Itabashi's visitor numbers to send, before the simulator trims departments whose
 *               counters on this floor could not carry them
 * @param officeId the office whose floor is simulated
 */
@ConfigurationProperties("madoguchi.demo")
public record DemoProperties(boolean enabled, LocalDate day, Double speed, Double volume, String officeId) {

    public DemoProperties {
        speed = speed == null ? 60.0 : speed;
        volume = volume == null ? 1.0 : volume;
        officeId = officeId == null || officeId.isBlank() ? "honcho" : officeId;
        // Fail at start-up rather than divide by zero or replay a closed day later.
        if (!(speed > 0 && speed <= 10_000)) {
            throw new IllegalArgumentException("madoguchi.demo.speed must be above 0 and at most 10000, was " + speed);
        }
        if (!(volume >= 0 && volume <= 10)) {
            throw new IllegalArgumentException("madoguchi.demo.volume must be between 0 and 10, was " + volume);
        }
        if (day != null && !ArrivalModel.isBusinessDay(day)) {
            throw new IllegalArgumentException("madoguchi.demo.day must be a weekday outside 12/29 to 1/3, was " + day);
        }
    }
}

package org.madoguchi.reception;

import java.time.Instant;

/**
 * The time the counter floor lives in: when tickets are issued, called and completed, which service day they belong
 * to, when absences expire and when the day closes; the floor's screens and live pages read it too. It is the
 * application's clock, except while the demo replays a day of its own ({@code reception.demo}): then the floor is in
 * the demo's day, and sign-ins, backups, mail and the rest keep the real time.
 */
@FunctionalInterface
public interface BusinessClock {

    Instant instant();
}

package org.madoguchi.reception.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.madoguchi.TestApp;

/** The application with the demo on, on a database of its own, with the real clock set to a chosen moment. */
final class DemoApps {

    /** 300 simulated seconds per real second: an hour of the replayed day in 12 seconds. */
    static final String SPEED = "300";

    private DemoApps() {
    }

    static TestApp start(Path dir, Instant realNow, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put("madoguchi.embedded-db.data-dir", dir.resolve("pg").toString());
        properties.put("madoguchi.admin.password-file", dir.resolve("pw.txt").toString());
        properties.put("madoguchi.demo.enabled", "true");
        properties.put("madoguchi.demo.speed", SPEED);
        // A real clock that ticks on from realNow.
        return TestApp.start(properties, Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), realNow)));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.madoguchi.platform.database;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the embedded server's postmaster process and starts the server again when it has died (killed by the
 * OOM killer, crashed). Checking the process rather than a connection notices a death within one interval and
 * never mistakes a busy pool for one. Meanwhile {@link DatabaseAvailability} reports the database as down.
 */
class EmbeddedDatabaseWatchdog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseWatchdog.class);
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

    private final EmbeddedDatabase database;
    private final DatabaseAvailability availability;
    private final Duration interval;
    private final Duration restartDelay;
    private volatile Thread thread;

    EmbeddedDatabaseWatchdog(EmbeddedDatabase database, DatabaseAvailability availability, Duration interval,
            Duration restartDelay) {
        this.database = database;
        this.availability = availability;
        this.interval = interval;
        this.restartDelay = restartDelay;
    }

    private void loop() {
        Duration wait = interval;
        while (thread == Thread.currentThread()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (database.postmasterAlive()) {
                wait = interval;
                continue;
            }
            availability.down(DatabaseAvailability.Source.SERVER);
            try {
                // Optional: lets the dead server's remaining processes exit before a new one claims their memory.
                Thread.sleep(restartDelay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            wait = restart() ? interval : longer(wait);
        }
    }

    private boolean restart() {
        log.warn("The embedded PostgreSQL server is not running; starting it again on the same data directory");
        long started = System.nanoTime();
        try {
            database.restart();
        } catch (IOException | RuntimeException e) {
            log.error("The embedded PostgreSQL server did not start again; retrying", e);
            return false;
        }
        if (thread == null) {
            // Shut down meanwhile: the server was closed again, nothing is available.
            return false;
        }
        availability.up(DatabaseAvailability.Source.SERVER);
        log.info("The embedded PostgreSQL server runs again after {} ms", (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** Backs off after failed starts: a data directory that cannot start should not be hammered every second. */
    private Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : doubled;
    }

    @Override
    public void start() {
        Thread t = new Thread(this::loop, "pg-watchdog");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}

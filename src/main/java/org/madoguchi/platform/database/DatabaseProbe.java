package org.madoguchi.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes a connection from the pool at a steady interval and checks it, embedded or external database alike, and
 * reports the outcome to {@link DatabaseAvailability}. The pool validates and replaces broken connections itself;
 * this only tells the rest of the application, without any request having to wait for the pool's timeout.
 */
@Component
class DatabaseProbe implements SmartLifecycle {

    private static final int VALID_WITHIN_SECONDS = 1;

    private final DataSource dataSource;
    private final DatabaseAvailability availability;
    private final Duration interval;
    private volatile Thread thread;

    DatabaseProbe(DataSource dataSource, DatabaseAvailability availability,
            @Value("${madoguchi.database.probe-interval:PT1S}") Duration interval) {
        this.dataSource = dataSource;
        this.availability = availability;
        this.interval = interval;
    }

    /** One check; package-private so a test can run it without the thread. */
    void probe() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALID_WITHIN_SECONDS)) {
                availability.up(DatabaseAvailability.Source.CONNECTION);
            } else {
                availability.down(DatabaseAvailability.Source.CONNECTION);
            }
        } catch (SQLTransientConnectionException e) {
            // Hikari's timeout carries the last connection failure as its cause; without one every connection was
            // merely busy: a full pool under load is not an outage and must not turn every request away.
            if (e.getCause() != null) {
                availability.down(DatabaseAvailability.Source.CONNECTION);
            }
        } catch (SQLException | RuntimeException e) {
            availability.down(DatabaseAvailability.Source.CONNECTION);
        }
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            probe();
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        Thread t = new Thread(this::loop, "db-probe");
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

package org.madoguchi.platform.database;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the database can be reached, as last observed in the background: by the embedded server's watchdog
 * (its postmaster died) and by the connection probe (no connection could be made). Health and the request filter
 * read this instead of waiting for a connection themselves, so both answer at once while the database is away.
 */
@Component
public class DatabaseAvailability {

    /** Who noticed: each source clears only its own finding. */
    public enum Source { SERVER, CONNECTION }

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private volatile boolean serverDown;
    private volatile boolean connectionDown;
    private volatile Instant downSince;

    public boolean available() {
        return !serverDown && !connectionDown;
    }

    /** When the current outage began; null while the database is available. */
    public Instant downSince() {
        return available() ? null : downSince;
    }

    public synchronized void down(Source source) {
        boolean wasAvailable = available();
        if (source == Source.SERVER) {
            serverDown = true;
        } else {
            connectionDown = true;
        }
        if (wasAvailable) {
            downSince = Instant.now();
            log.warn("The database is unavailable ({}); requests are answered with 503 until it is back", source);
        }
    }

    public synchronized void up(Source source) {
        boolean wasAvailable = available();
        if (source == Source.SERVER) {
            serverDown = false;
        } else {
            connectionDown = false;
        }
        if (!wasAvailable && available()) {
            log.info("The database is available again after an outage since {}", downSince);
        }
    }
}

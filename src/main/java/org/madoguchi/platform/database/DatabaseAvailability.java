package org.madoguchi.platform.database;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.madoguchi.platform.DatabaseOutages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the database can be reached, as last observed in the background: by the embedded server's watchdog
 * (its postmaster died) and by the connection probe (no connection could be made). Health and the request filter
 * read this instead of waiting for a connection themselves, so both answer at once while the database is away.
 */
@Component
public class DatabaseAvailability implements DatabaseOutages {

    /** Who noticed: each source clears only its own finding. */
    public enum Source { SERVER, CONNECTION }

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private volatile boolean serverDown;
    private volatile boolean connectionDown;
    private volatile Instant downSince;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public boolean available() {
        return !serverDown && !connectionDown;
    }

    /** When the current outage began; null while the database is available. */
    public Instant downSince() {
        return available() ? null : downSince;
    }

    @Override
    public boolean databaseAvailable() {
        return available();
    }

    @Override
    public void subscribe(Runnable onOutage, Runnable onRecovery) {
        subscribers.add(new Subscriber(onOutage, onRecovery));
    }

    /** Subscribers are told under the lock, so that a quick outage and recovery reach them in their order. */
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
            subscribers.forEach(s -> safely(s.onOutage()));
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
            subscribers.forEach(s -> safely(s.onRecovery()));
        }
    }

    private static void safely(Runnable runnable) {
        try {
            runnable.run();
        } catch (RuntimeException e) {
            log.warn("A database outage subscriber failed", e);
        }
    }

    private record Subscriber(Runnable onOutage, Runnable onRecovery) {
    }
}

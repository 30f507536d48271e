package org.madoguchi.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.madoguchi.platform.database.DatabaseAvailability;
import org.springframework.stereotype.Component;

/**
 * Values read from the database for metrics gauges. A scrape reads at most once per {@code maxAge} whatever the
 * number of gauges and scrapers, and never while the database is known to be away: then a gauge has no value (NaN)
 * instead of a stale one, and the scrape does not wait for the pool's timeout.
 */
@Component
public class DatabaseSamples {

    private final DatabaseAvailability availability;

    DatabaseSamples(DatabaseAvailability availability) {
        this.availability = availability;
    }

    public <T> Sample<T> every(Duration maxAge, Supplier<T> reader) {
        return new Sample<>(maxAge.toNanos(), reader);
    }

    /** One cached reading; thread-safe. */
    public final class Sample<T> {

        private final long maxAgeNanos;
        private final Supplier<T> reader;
        private Optional<T> value = Optional.empty();
        private long readAt;
        private boolean read;

        private Sample(long maxAgeNanos, Supplier<T> reader) {
            this.maxAgeNanos = maxAgeNanos;
            this.reader = reader;
        }

        /** The latest reading, read again when older than the interval; empty while it cannot be had. */
        public synchronized Optional<T> get() {
            if (!availability.available()) {
                read = false;
                return Optional.empty();
            }
            long now = System.nanoTime();
            if (!read || now - readAt >= maxAgeNanos) {
                try {
                    value = Optional.ofNullable(reader.get());
                } catch (RuntimeException e) {
                    // The failure itself is what the database metrics report; this gauge just has no value now.
                    value = Optional.empty();
                }
                readAt = now;
                read = true;
            }
            return value;
        }
    }
}

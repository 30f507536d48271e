package org.madoguchi.platform.database;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code madoguchi_database_up}: 1 while the database answers, 0 during an outage, as the watchdog and the
 * connection probe last saw it (the same state health reports). Reading it never touches the database.
 */
@Component
class DatabaseMetrics implements MeterBinder {

    private final DatabaseAvailability availability;

    DatabaseMetrics(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("madoguchi.database.up", availability, a -> a.available() ? 1 : 0)
                .description("1 while the database can be reached, 0 during an outage").register(registry);
    }
}

package org.madoguchi.platform.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The "db" health component, from the availability observed in the background: Spring Boot's own indicator waits
 * for a connection (up to the pool's timeout) and so answers late exactly when the answer matters.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseAvailability availability;

    DatabaseHealthIndicator(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @Override
    public Health health() {
        if (availability.available()) {
            return Health.up().build();
        }
        return Health.down().withDetail("since", String.valueOf(availability.downSince())).build();
    }
}

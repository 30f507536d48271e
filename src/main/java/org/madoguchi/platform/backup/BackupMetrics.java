package org.madoguchi.platform.backup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code madoguchi_backup_age_seconds}: how long ago the newest backup was written (a file exists only once its
 * backup succeeded); {@code +Inf} while there is none. Not there at all when backups are off (an external database
 * is backed up by its own operator). The alert threshold is {@code madoguchi_backup_max_age_seconds}, the same
 * {@code madoguchi.backup.max-age} after which the floor overview warns.
 */
@Component
class BackupMetrics implements MeterBinder {

    private final Backups backups;
    private final BackupProperties properties;
    private final Clock clock;

    BackupMetrics(Backups backups, BackupProperties properties, Clock clock) {
        this.backups = backups;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!backups.enabled()) {
            return;
        }
        Gauge.builder("madoguchi.backup.age", this, BackupMetrics::ageSeconds).baseUnit("seconds")
                .description("Seconds since the newest successful backup (+Inf: none yet)").register(registry);
        Gauge.builder("madoguchi.backup.max.age", properties, p -> p.maxAge().toSeconds()).baseUnit("seconds")
                .description("Backup age above which the floor overview warns (madoguchi.backup.max-age)")
                .register(registry);
    }

    double ageSeconds() {
        List<Path> files;
        try {
            files = backups.files();
        } catch (UncheckedIOException unreadable) {
            return Double.NaN;
        }
        if (files.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        return Duration.between(Backups.createdAt(files.get(0)), clock.instant()).toMillis() / 1000.0;
    }
}

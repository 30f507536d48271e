package org.madoguchi.platform.backup;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where backups go, how often, how many are kept and which keys seal them (docs/backup.md). {@code restore}
 * names a backup file to load into an empty database on start; {@code restore-exit} stops the application after it.
 */
@ConfigurationProperties("madoguchi.backup")
record BackupProperties(Boolean enabled, String directory, String cron, String zone, Integer keep, Duration maxAge,
                        Map<String, String> keys, String activeKey, String keyFile, String restore, Boolean restoreExit) {

    /** {@code enabled} left unset: on with the embedded database, off with an external one (its own backups apply). */
    BackupProperties {
        directory = directory == null || directory.isBlank() ? "data/backups" : directory;
        cron = cron == null || cron.isBlank() ? "0 0 19 * * *" : cron;
        zone = zone == null || zone.isBlank() ? "Asia/Tokyo" : zone;
        keep = keep == null ? 14 : keep;
        if (keep < 1) {
            throw new IllegalStateException("madoguchi.backup.keep must be at least 1");
        }
        maxAge = maxAge == null ? Duration.ofHours(26) : maxAge;
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        keyFile = keyFile == null ? "" : keyFile;
        restore = restore == null ? "" : restore.trim();
        restoreExit = restoreExit != null && restoreExit;
    }
}

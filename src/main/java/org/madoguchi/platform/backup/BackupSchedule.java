package org.madoguchi.platform.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The nightly backup; a failure is logged (the floor overview then warns once the newest grows too old). */
@Component
class BackupSchedule {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    private final Backups backups;

    BackupSchedule(Backups backups) {
        this.backups = backups;
    }

    @Scheduled(cron = "${madoguchi.backup.cron:0 0 19 * * *}", zone = "${madoguchi.backup.zone:Asia/Tokyo}")
    void scheduled() {
        if (!backups.enabled()) {
            return;
        }
        try {
            backups.take();
        } catch (RuntimeException e) {
            log.error("Scheduled backup failed: {}", e.getMessage());
        }
    }
}

package org.madoguchi.preentry;

import org.madoguchi.platform.PurgeAfterRestore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes pre-entries past their retention period (default 7 days after the last save). Logs counts only. */
@Component
class PreentryPurge implements PurgeAfterRestore {

    private static final Logger log = LoggerFactory.getLogger(PreentryPurge.class);

    private final Preentries preentries;

    PreentryPurge(Preentries preentries) {
        this.preentries = preentries;
    }

    @Scheduled(cron = "${madoguchi.preentry.purge-cron:0 15 * * * *}", zone = "${madoguchi.preentry.purge-zone:Asia/Tokyo}")
    void scheduled() {
        purge();
    }

    /** A restored backup may hold entries whose 7 days ended since: they go before anything is served. */
    @Override
    public int purgeAfterRestore() {
        return purge();
    }

    int purge() {
        int deleted = preentries.purge();
        if (deleted > 0) {
            log.info("Pre-entry purge: deleted {} expired entries", deleted);
        }
        return deleted;
    }
}

package org.madoguchi.liveinfo.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.madoguchi.platform.PurgeAfterRestore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes addresses on schedule: everything of the service day after closing (configurable cron), and any
 * row past its expiry (the end of its service day) whenever the sweep runs. Each deletion is logged in the
 * access log, with the subscription id and never the address.
 */
@Component
class MailPurge implements PurgeAfterRestore {

    private static final Logger log = LoggerFactory.getLogger(MailPurge.class);

    private final MailStore store;
    private final MailNotificationProperties properties;
    private final Clock clock;

    MailPurge(MailStore store, MailNotificationProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${madoguchi.liveinfo.mail.purge-cron:0 30 18 * * *}",
            zone = "${madoguchi.liveinfo.mail.purge-zone:Asia/Tokyo}")
    void scheduledEndOfDay() {
        endOfDay();
    }

    /** Deletes every subscription (with its queued mails) of today and earlier; returns how many. */
    int endOfDay() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(properties.purgeZone()));
        int deleted = store.deleteServiceDaysUpTo(today, now) + store.deleteExpired(now);
        int logRows = store.deleteAccessLogBefore(now.minus(properties.accessLogRetention()));
        store.deleteConfirmationsSentBefore(now.minus(java.time.Duration.ofDays(1)));
        log.info("End-of-day mail purge: deleted {} subscriptions and {} old access log rows", deleted, logRows);
        return deleted;
    }

    /**
     * After a restore: every address of an earlier service day, and anything past its expiry. Today's stay, as
     * they would have on a node that never went down.
     */
    @Override
    public int purgeAfterRestore() {
        Instant now = clock.instant();
        LocalDate yesterday = LocalDate.ofInstant(now, ZoneId.of(properties.purgeZone())).minusDays(1);
        int deleted = store.deleteServiceDaysUpTo(yesterday, now) + store.deleteExpired(now);
        store.deleteAccessLogBefore(now.minus(properties.accessLogRetention()));
        store.deleteConfirmationsSentBefore(now.minus(java.time.Duration.ofDays(1)));
        return deleted;
    }

    /** Deletes what is past its expiry (a node that was down at the purge time catches up here). */
    int expired() {
        // The per-address counts look back one day; older rows are of no use.
        store.deleteConfirmationsSentBefore(clock.instant().minus(java.time.Duration.ofDays(1)));
        return store.deleteExpired(clock.instant());
    }
}

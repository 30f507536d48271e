package org.madoguchi.liveinfo.mail;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the e-mail call notification. The SMTP server itself is {@code spring.mail.*}; without
 * {@code spring.mail.host} the feature is off and no address is ever accepted.
 *
 * @param enabled switch the feature off even when a mail server is configured
 * @param from sender address of the notifications (a no-reply mailbox of the ward)
 * @param fromName display name of the sender
 * @param keys encryption keys, id → base64 of 16, 24 or 32 random bytes (AES-GCM)
 * @param activeKey id of the key new subscriptions are sealed with
 * @param ephemeralKey with no keys configured, use a random key that lives only in this process
 *                     (development on one node; sealed addresses become unreadable at restart)
 * @param maxAddressesPerTicket how many addresses one ticket may register
 * @param registrationsPerTicket registration attempts allowed per ticket within {@code rateWindow}
 * @param registrationsPerClient registration attempts (and bad-token look-ups) per client IP within {@code rateWindow}
 * @param rateWindow the sliding window of both rate limits
 * @param sendInterval pause between two passes of the sender over the outbox
 * @param evaluateInterval a full re-evaluation of all subscriptions, in case an event was missed
 * @param maxAttempts a mail is given up after this many failed attempts
 * @param retryBase first retry delay; doubled after each failure
 * @param retryMax longest retry delay
 * @param purgeCron when the end-of-day purge runs (after closing; Spring cron, in {@code purgeZone})
 * @param purgeZone time zone of {@code purgeCron}
 * @param accessLogRetention how long access log rows (which hold no address) are kept
 */
@ConfigurationProperties("madoguchi.liveinfo.mail")
public record MailNotificationProperties(Boolean enabled, String from, String fromName, Map<String, String> keys,
                                         String activeKey, Boolean ephemeralKey, Integer maxAddressesPerTicket,
                                         Integer registrationsPerTicket, Integer registrationsPerClient,
                                         Duration rateWindow, Duration sendInterval, Duration evaluateInterval,
                                         Integer maxAttempts, Duration retryBase, Duration retryMax,
                                         String purgeCron, String purgeZone, Duration accessLogRetention) {

    public MailNotificationProperties {
        enabled = enabled == null || enabled;
        from = from == null || from.isBlank() ? "noreply@localhost" : from;
        fromName = fromName == null || fromName.isBlank() ? "総合窓口 呼出通知" : fromName;
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        ephemeralKey = ephemeralKey != null && ephemeralKey;
        maxAddressesPerTicket = maxAddressesPerTicket == null ? 3 : maxAddressesPerTicket;
        registrationsPerTicket = registrationsPerTicket == null ? 5 : registrationsPerTicket;
        registrationsPerClient = registrationsPerClient == null ? 20 : registrationsPerClient;
        rateWindow = rateWindow == null ? Duration.ofHours(1) : rateWindow;
        sendInterval = sendInterval == null ? Duration.ofSeconds(5) : sendInterval;
        evaluateInterval = evaluateInterval == null ? Duration.ofMinutes(1) : evaluateInterval;
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        retryBase = retryBase == null ? Duration.ofSeconds(30) : retryBase;
        retryMax = retryMax == null ? Duration.ofMinutes(15) : retryMax;
        purgeCron = purgeCron == null || purgeCron.isBlank() ? "0 30 18 * * *" : purgeCron;
        purgeZone = purgeZone == null || purgeZone.isBlank() ? "Asia/Tokyo" : purgeZone;
        accessLogRetention = accessLogRetention == null ? Duration.ofDays(365) : accessLogRetention;
    }

    /** Delay before attempt {@code attempts + 1}: {@code retryBase × 2^(attempts-1)}, at most {@code retryMax}. */
    Duration retryDelay(int attempts) {
        int shift = Math.max(0, Math.min(attempts - 1, 20));
        Duration delay = retryBase.multipliedBy(1L << shift);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}

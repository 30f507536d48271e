package org.madoguchi.preentry;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of pre-entry (事前入力). See docs/preentry.md for key rotation.
 *
 * @param keys encryption keys, id → base64 of 32 random bytes (AES-256-GCM); older ids stay while rotating
 * @param activeKey id of the key new and re-saved entries are sealed with
 * @param keyFile with no keys configured, a key generated once into this file (owner-only) and reused;
 *                for development and one-node installations. Blank: no generated key
 * @param retentionDays entries are deleted this many days after they were last saved
 * @param purgeCron when expired entries are deleted (Spring cron, in {@code purgeZone})
 * @param purgeZone time zone of {@code purgeCron} and of the daily measures
 * @param accessLogRetention how long access log rows (which hold no entries) are kept
 * @param officeId the office whose floor maps procedures to departments when no plan was chosen
 */
@ConfigurationProperties("madoguchi.preentry")
public record PreentryProperties(Map<String, String> keys, String activeKey, String keyFile, Integer retentionDays,
                                 String purgeCron, String purgeZone, Duration accessLogRetention, String officeId) {

    public PreentryProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        keyFile = keyFile == null ? "data/preentry-key.txt" : keyFile;
        retentionDays = retentionDays == null || retentionDays < 1 ? 7 : retentionDays;
        purgeCron = purgeCron == null || purgeCron.isBlank() ? "0 15 * * * *" : purgeCron;
        purgeZone = purgeZone == null || purgeZone.isBlank() ? "Asia/Tokyo" : purgeZone;
        accessLogRetention = accessLogRetention == null ? Duration.ofDays(365 * 3) : accessLogRetention;
        officeId = officeId == null || officeId.isBlank() ? "honcho" : officeId;
    }
}

package org.madoguchi.statistics;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code madoguchi.statistics}. */
@ConfigurationProperties("madoguchi.statistics")
public record StatisticsProperties(Duration ingestInterval, Duration settle, Integer batchSize, String timeZone) {

    public StatisticsProperties {
        ingestInterval = ingestInterval == null ? Duration.ofSeconds(30) : ingestInterval;
        settle = settle == null ? Duration.ofMinutes(1) : settle;
        batchSize = batchSize == null || batchSize <= 0 ? 1000 : batchSize;
        timeZone = timeZone == null || timeZone.isBlank() ? "Asia/Tokyo" : timeZone;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}

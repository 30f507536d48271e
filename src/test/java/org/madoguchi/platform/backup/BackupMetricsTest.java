package org.madoguchi.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** madoguchi_backup_age_seconds: the newest backup's age, +Inf before the first one, absent while backups are off. */
class BackupMetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static SimpleMeterRegistry bind(Path dir, Boolean enabled) {
        BackupProperties properties = new BackupProperties(enabled, dir.resolve("backups").toString(), null, null, 14,
                Duration.ofHours(26), null, null, dir.resolve("backup-key.txt").toString(), null, null);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Backups backups = new Backups(null, properties, new MockEnvironment(), JsonMapper.builder().build(), clock,
                new StaticListableBeanFactory().getBeanProvider(BuildProperties.class));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new BackupMetrics(backups, properties, clock).bindTo(registry);
        return registry;
    }

    private static double age(SimpleMeterRegistry registry) {
        return registry.get("madoguchi.backup.age").gauge().value();
    }

    @Test
    void theNewestBackupsAgeInSeconds(@TempDir Path dir) throws IOException {
        SimpleMeterRegistry registry = bind(dir, true);
        assertThat(age(registry)).as("no backup yet").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(registry.get("madoguchi.backup.max.age").gauge().value()).isEqualTo(26 * 3600);
        Files.createDirectories(dir.resolve("backups"));
        for (Duration ago : new Duration[] {Duration.ofHours(30), Duration.ofMinutes(90)}) {
            Files.writeString(dir.resolve("backups").resolve(Backups.PREFIX + STAMP.format(NOW.minus(ago))
                    + Backups.SUFFIX), "x");
        }
        assertThat(age(registry)).isEqualTo(90 * 60);
    }

    @Test
    void offMeansNoGauge(@TempDir Path dir) {
        assertThat(bind(dir, false).find("madoguchi.backup.age").gauge()).isNull();
    }
}

package org.madoguchi.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.madoguchi.platform.BackupStatus;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** When the floor overview warns: no backup at all, or the newest older than max-age; never while backups are off. */
class BackupAgeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS'Z'").withZone(ZoneOffset.UTC);

    private static Backups backups(Path dir, Boolean enabled, String datasourceUrl) {
        BackupProperties properties = new BackupProperties(enabled, dir.resolve("backups").toString(), null, null, 14,
                Duration.ofHours(26), null, null, dir.resolve("backup-key.txt").toString(), null, null);
        MockEnvironment environment = new MockEnvironment();
        if (datasourceUrl != null) {
            environment.setProperty("spring.datasource.url", datasourceUrl);
        }
        return new Backups(null, properties, environment, JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
                new StaticListableBeanFactory().getBeanProvider(BuildProperties.class));
    }

    private static void backupAt(Path dir, Instant at) throws IOException {
        Files.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("backups").resolve(Backups.PREFIX + STAMP.format(at) + Backups.SUFFIX), "x");
    }

    @Test
    void noBackupAtAllIsOverdue(@TempDir Path dir) {
        assertThat(backups(dir, null, null).overdue()).contains(new BackupStatus.Overdue(null));
    }

    @Test
    void theNewestBackupCountsAgainstMaxAge(@TempDir Path dir) throws IOException {
        backupAt(dir, NOW.minus(Duration.ofHours(40)));
        backupAt(dir, NOW.minus(Duration.ofHours(27)).minusSeconds(5));
        assertThat(backups(dir, null, null).overdue()).contains(new BackupStatus.Overdue(27L));
        backupAt(dir, NOW.minus(Duration.ofHours(25)));
        assertThat(backups(dir, null, null).overdue()).isEmpty();
        // Another application's files in the directory are not backups.
        Files.writeString(dir.resolve("backups").resolve("notes.txt"), "x");
        assertThat(backups(dir, null, null).files()).hasSize(3);
    }

    @Test
    void offMeansNoWarning(@TempDir Path dir) {
        assertThat(backups(dir, false, null).overdue()).isEmpty();
        assertThat(dir.resolve("backup-key.txt")).as("no key file while backups are off").doesNotExist();
        // Unset: off with an external database (its own backups apply), on with the embedded one.
        assertThat(backups(dir, null, "jdbc:postgresql://db.example/madoguchi").overdue()).isEmpty();
        assertThat(backups(dir, true, "jdbc:postgresql://db.example/madoguchi").overdue()).isPresent();
        assertThat(dir.resolve("backup-key.txt")).as("made at start when backups are on").exists();
    }
}

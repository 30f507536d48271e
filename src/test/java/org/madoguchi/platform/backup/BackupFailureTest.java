package org.madoguchi.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** A backup that cannot be written answers a short Japanese problem; the floor keeps warning. */
class BackupFailureTest {

    @Test
    void anUnwritableDirectoryIsAProblemNotABackup(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("backups"), "a file where the directory should be");
        TestApp app = TestApp.start(Map.of("madoguchi.backup.enabled", "true",
                "madoguchi.backup.directory", notADirectory.toString(),
                "madoguchi.backup.key-file", dir.resolve("backup-key.txt").toString()));
        try {
            Http admin = new Http(app).admin();
            Http.Response failed = admin.post("/api/v1/admin/backups", "{}");
            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.contentType()).startsWith("application/problem+json");
            assertThat(failed.json().path("code").asString()).isEqualTo("backup-failed");
            assertThat(failed.body()).contains("バックアップを作成できませんでした").doesNotContain(dir.toString());
            assertThat(admin.get("/floor/backup-warning").json().path("warning").asString()).isNotEmpty();
            try (var left = Files.list(dir)) {
                assertThat(left).as("no temporary file left behind").allMatch(f -> !f.getFileName().toString().endsWith(".tmp"));
            }
        } finally {
            app.close();
        }
    }
}

package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** The floor overview warns while no recent backup exists, and stops once one is taken. */
class FloorBackupWarningTest {

    private static final String NONE = "バックアップがまだ取られていません。";

    @Test
    void theFloorWarnsUntilABackupIsTaken(@TempDir Path dir) throws java.io.IOException {
        TestApp app = TestApp.start(Map.of("madoguchi.backup.enabled", "true",
                "madoguchi.backup.directory", dir.resolve("backups").toString(),
                "madoguchi.backup.key-file", dir.resolve("backup-key.txt").toString()));
        try {
            Http admin = new Http(app).admin();
            assertThat(admin.get("/floor").body()).contains(NONE);
            assertThat(admin.get("/floor/backup-warning").json().path("warning").asString()).startsWith(NONE);

            assertThat(admin.post("/api/v1/admin/backups", "{}").status()).isEqualTo(201);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("backups"))))
                    .as("a backup directory made by the application").isEqualTo("rwx------");
            assertThat(admin.get("/floor").body()).doesNotContain(NONE).contains("id=\"backup-warning\"");
            assertThat(admin.get("/floor/backup-warning").json().path("warning").asString()).isEmpty();
        } finally {
            app.close();
        }
        // The shared instance runs on an external database without madoguchi.backup.enabled: no warning.
        assertThat(new Http(TestApp.shared()).admin().get("/floor").body()).doesNotContain(NONE);
    }
}

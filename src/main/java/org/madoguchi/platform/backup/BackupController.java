package org.madoguchi.platform.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.UncheckedIOException;
import java.util.List;
import org.madoguchi.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Backups on demand and their list; under /api/v1/admin, so administrators only (SecurityConfiguration). */
@RestController
@Tag(name = "Backups", description = "データベースのバックアップ（暗号化）。管理者のみ")
class BackupController {

    private static final Logger log = LoggerFactory.getLogger(BackupController.class);

    private final Backups backups;

    BackupController(Backups backups) {
        this.backups = backups;
    }

    @PostMapping("/api/v1/admin/backups")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Take a backup now; answers its manifest (tables, row counts, schema version)")
    BackupManifest take() {
        try {
            return backups.take();
        } catch (UncheckedIOException | IllegalStateException e) {
            // The cause (a full disk, a lost connection) is for the log; the answer stays short.
            log.error("Backup on request failed: {}", e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "backup-failed",
                    "バックアップを作成できませんでした。サーバーのログを確認してください。");
        }
    }

    @GetMapping("/api/v1/admin/backups")
    @Operation(summary = "Backups in the backup directory, newest first")
    List<Backups.BackupFile> list() {
        return backups.list();
    }
}

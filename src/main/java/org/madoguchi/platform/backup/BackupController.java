package org.madoguchi.platform.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Backups on demand and their list; under /api/v1/admin, so administrators only (SecurityConfiguration). */
@RestController
@Tag(name = "Backups", description = "データベースのバックアップ（暗号化）。管理者のみ")
class BackupController {

    private final Backups backups;

    BackupController(Backups backups) {
        this.backups = backups;
    }

    @PostMapping("/api/v1/admin/backups")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Take a backup now; answers its manifest (tables, row counts, schema version)")
    BackupManifest take() {
        return backups.take();
    }

    @GetMapping("/api/v1/admin/backups")
    @Operation(summary = "Backups in the backup directory, newest first")
    List<Backups.BackupFile> list() {
        return backups.list();
    }
}

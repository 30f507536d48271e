package org.madoguchi.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.madoguchi.platform.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An administrator's part of the account lifecycle: disable, enable, reset, revoke, end sessions, read the log. */
@RestController
@Validated
@Tag(name = "Administration")
class StaffAdminController {

    private final Accounts accounts;
    private final StaffAdministration administration;
    private final StaffSessions sessions;
    private final CurrentActor actor;

    StaffAdminController(Accounts accounts, StaffAdministration administration, StaffSessions sessions,
                         CurrentActor actor) {
        this.accounts = accounts;
        this.administration = administration;
        this.sessions = sessions;
        this.actor = actor;
    }

    @PostMapping("/api/v1/admin/staff/{staffId}/disable")
    @Operation(summary = "Disable an account: it can no longer sign in, its sessions end and its tokens stop working")
    ResponseEntity<Void> disable(@PathVariable long staffId) {
        administration.disable(actor.get().staffId(), staffId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/admin/staff/{staffId}/enable")
    @Operation(summary = "Enable a disabled account again")
    ResponseEntity<Void> enable(@PathVariable long staffId) {
        administration.enable(actor.get().staffId(), staffId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/admin/staff/{staffId}/password-reset")
    @Operation(summary = "Reset a forgotten password: a temporary one, shown only here, to be changed at the next sign-in")
    ResponseEntity<StaffAdministration.TemporaryPassword> resetPassword(@PathVariable long staffId) {
        return ResponseEntity.ok(administration.resetPassword(actor.get().staffId(), staffId));
    }

    @GetMapping("/api/v1/admin/staff/{staffId}/tokens")
    @Operation(summary = "A staff member's API tokens")
    List<Accounts.StaffTokenInfo> tokens(@PathVariable long staffId) {
        administration.existing(staffId);
        return accounts.tokensOf(staffId);
    }

    @PostMapping("/api/v1/admin/tokens/{tokenId}/revoke")
    @Operation(summary = "Revoke any staff API token")
    ResponseEntity<Void> revokeToken(@PathVariable long tokenId) {
        administration.revokeToken(actor.get().staffId(), tokenId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/sessions")
    @Operation(summary = "Every signed-in browser session")
    List<StaffSessions.SessionInfo> allSessions() {
        return sessions.list(null, null);
    }

    @DeleteMapping("/api/v1/admin/sessions/{sessionId}")
    @Operation(summary = "End a browser session")
    ResponseEntity<Void> endSession(@PathVariable String sessionId) {
        administration.endSession(actor.get().staffId(), sessionId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(summary = "The newest entries of the audit log")
    List<StaffAdministration.AuditEntry> audit(@RequestParam(defaultValue = "200") @Min(1) @Max(5000) int limit) {
        return administration.auditLog(limit);
    }
}

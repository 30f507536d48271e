package org.madoguchi.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
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

    private static final SecureRandom RANDOM = new SecureRandom();
    // No 0/O, 1/l/I: the temporary password is read out or copied by hand.
    private static final String TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Accounts accounts;
    private final StaffSessions sessions;
    private final CurrentActor actor;
    private final JdbcClient jdbc;

    StaffAdminController(Accounts accounts, StaffSessions sessions, CurrentActor actor, JdbcClient jdbc) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.actor = actor;
        this.jdbc = jdbc;
    }

    record TemporaryPassword(long staffId, String login, String temporaryPassword) {
    }

    record AuditEntry(long id, Instant occurredAt, Long actorStaffId, String action, String target) {
    }

    private Accounts.StaffAccount existing(long staffId) {
        return accounts.staffById(staffId).orElseThrow(() ->
                ProblemException.notFound("unknown-staff", "職員アカウント " + staffId + " は登録されていません。"));
    }

    @PostMapping("/api/v1/admin/staff/{staffId}/disable")
    @Operation(summary = "Disable an account: it can no longer sign in, its sessions end and its tokens stop working")
    @Transactional
    ResponseEntity<Void> disable(@PathVariable long staffId) {
        Accounts.StaffAccount account = existing(staffId);
        if (account.id() == actor.get().staffId()) {
            throw ProblemException.conflict("own-account", "自分自身のアカウントは無効にできません。");
        }
        if (account.role() == Actor.Role.ADMIN && account.enabled() && enabledAdministrators() <= 1) {
            throw ProblemException.conflict("last-administrator", "有効な管理者が 1 人もいなくなるため、無効にできません。");
        }
        accounts.setEnabled(staffId, false);
        int ended = sessions.endAll(account.login(), null);
        accounts.audit(actor.get().staffId(), "STAFF_DISABLED", "staff " + staffId + " (" + account.login() + "), "
                + ended + " session(s) ended");
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/admin/staff/{staffId}/enable")
    @Operation(summary = "Enable a disabled account again")
    ResponseEntity<Void> enable(@PathVariable long staffId) {
        Accounts.StaffAccount account = existing(staffId);
        accounts.setEnabled(staffId, true);
        accounts.audit(actor.get().staffId(), "STAFF_ENABLED", "staff " + staffId + " (" + account.login() + ")");
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/admin/staff/{staffId}/password-reset")
    @Operation(summary = "Reset a forgotten password: a temporary one, shown only here, to be changed at the next sign-in")
    @Transactional
    ResponseEntity<TemporaryPassword> resetPassword(@PathVariable long staffId) {
        Accounts.StaffAccount account = existing(staffId);
        StringBuilder temporary = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            temporary.append(TEMPORARY_ALPHABET.charAt(RANDOM.nextInt(TEMPORARY_ALPHABET.length())));
        }
        accounts.setPassword(staffId, temporary.toString(), true);
        int ended = sessions.endAll(account.login(), null);
        accounts.audit(actor.get().staffId(), "PASSWORD_RESET", "staff " + staffId + " (" + account.login() + "), "
                + ended + " session(s) ended");
        return ResponseEntity.ok(new TemporaryPassword(staffId, account.login(), temporary.toString()));
    }

    @GetMapping("/api/v1/admin/staff/{staffId}/tokens")
    @Operation(summary = "A staff member's API tokens")
    List<Accounts.StaffTokenInfo> tokens(@PathVariable long staffId) {
        existing(staffId);
        return accounts.tokensOf(staffId);
    }

    @PostMapping("/api/v1/admin/tokens/{tokenId}/revoke")
    @Operation(summary = "Revoke any staff API token")
    ResponseEntity<Void> revokeToken(@PathVariable long tokenId) {
        if (!accounts.revokeToken(tokenId, null)) {
            throw ProblemException.notFound("unknown-token", "そのトークンは見つからないか、すでに無効です。");
        }
        accounts.audit(actor.get().staffId(), "STAFF_TOKEN_REVOKED", "token " + tokenId);
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
        if (!sessions.end(sessionId, null)) {
            throw ProblemException.notFound("unknown-session", "そのセッションは見つかりません。");
        }
        accounts.audit(actor.get().staffId(), "SESSION_ENDED", "session ended by an administrator");
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(summary = "The newest entries of the audit log")
    List<AuditEntry> audit(@RequestParam(defaultValue = "200") @Min(1) @Max(5000) int limit) {
        return jdbc.sql("""
                        SELECT id, occurred_at, actor_staff_id, action, target FROM platform.audit_log
                        ORDER BY id DESC LIMIT :limit""").param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        (Long) rs.getObject("actor_staff_id"), rs.getString("action"), rs.getString("target")))
                .list();
    }

    private long enabledAdministrators() {
        return accounts.listStaff().stream().filter(s -> s.role() == Actor.Role.ADMIN && s.enabled()).count();
    }

}

package org.madoguchi.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.DepartmentCatalog;
import org.madoguchi.platform.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator's actions on staff accounts, shared by the API and the /admin page so that both refuse the
 * same things and write the same audit-log entries.
 */
@Service
class StaffAdministration {

    private static final SecureRandom RANDOM = new SecureRandom();
    // No 0/O, 1/l/I: the temporary password is read out or copied by hand.
    private static final String TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    record NewStaff(@NotBlank(message = "入力してください")
                    @Pattern(regexp = "[a-z0-9._-]{3,64}", message = "英小文字・数字・._- の 3〜64 文字") String login,
                    @NotBlank(message = "入力してください") @Size(max = 100, message = "100 文字まで") String displayName,
                    @NotBlank(message = "入力してください") @Size(min = 12, max = 128, message = "12〜128 文字") String password,
                    @NotNull(message = "選んでください") Actor.Role role,
                    @Size(max = 20, message = "20 課まで") Set<@NotBlank String> departments,
                    Boolean mustChangePassword) {
    }

    record TemporaryPassword(long staffId, String login, String temporaryPassword) {
    }

    record AuditEntry(long id, Instant occurredAt, Long actorStaffId, String action, String target) {
    }

    private final Accounts accounts;
    private final StaffSessions sessions;
    private final DepartmentCatalog catalog;
    private final InputCheck input;
    private final JdbcClient jdbc;

    StaffAdministration(Accounts accounts, StaffSessions sessions, DepartmentCatalog catalog, InputCheck input,
                        JdbcClient jdbc) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.catalog = catalog;
        this.input = input;
        this.jdbc = jdbc;
    }

    Accounts.StaffAccount create(long actorId, NewStaff body) {
        input.validate(body);
        if (body.role() != Actor.Role.ADMIN && body.role() != Actor.Role.MANAGER && body.role() != Actor.Role.STAFF) {
            throw ProblemException.invalid("invalid-role", "職員の役割は ADMIN・MANAGER・STAFF のいずれかです。");
        }
        Set<String> departments = body.departments() == null ? Set.of() : body.departments();
        for (String d : departments) {
            if (!catalog.departmentExists(d)) {
                throw ProblemException.invalid("unknown-department", "課「" + d + "」は登録されていません。");
            }
        }
        if (body.role() == Actor.Role.STAFF && departments.isEmpty()) {
            throw ProblemException.invalid("no-department", "窓口職員には担当する課を 1 つ以上指定してください。");
        }
        // Someone else chose this password, so by default its owner replaces it at the first sign-in; a password
        // that stays must meet the same policy as one the owner chooses.
        boolean mustChange = body.mustChangePassword() == null || body.mustChangePassword();
        if (!mustChange) {
            PasswordPolicy.refusal(body.login(), body.password()).ifPresent(reason -> {
                throw ProblemException.invalid("weak-password", reason);
            });
        }
        try {
            var created = accounts.createStaff(body.login(), body.displayName(), body.password(), body.role(),
                    departments, mustChange);
            accounts.audit(actorId, "STAFF_CREATED", "staff " + created.id() + " (" + created.login()
                    + ", " + created.role() + ", " + String.join("/", new TreeSet<>(departments)) + ")");
            return created;
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("login-taken", "職員ID「" + body.login() + "」はすでに使われています。");
        }
    }

    Accounts.StaffAccount existing(long staffId) {
        return accounts.staffById(staffId).orElseThrow(() ->
                ProblemException.notFound("unknown-staff", "職員アカウント " + staffId + " は登録されていません。"));
    }

    /** Not oneself, not the last enabled administrator; the account's sessions end at once. */
    @Transactional
    Accounts.StaffAccount disable(long actorId, long staffId) {
        Accounts.StaffAccount account = existing(staffId);
        if (account.id() == actorId) {
            throw ProblemException.conflict("own-account", "自分自身のアカウントは無効にできません。");
        }
        if (account.role() == Actor.Role.ADMIN && account.enabled() && enabledAdministrators() <= 1) {
            throw ProblemException.conflict("last-administrator", "有効な管理者が 1 人もいなくなるため、無効にできません。");
        }
        accounts.setEnabled(staffId, false);
        int ended = sessions.endAll(account.login(), null);
        accounts.audit(actorId, "STAFF_DISABLED", "staff " + staffId + " (" + account.login() + "), "
                + ended + " session(s) ended");
        return account;
    }

    Accounts.StaffAccount enable(long actorId, long staffId) {
        Accounts.StaffAccount account = existing(staffId);
        accounts.setEnabled(staffId, true);
        accounts.audit(actorId, "STAFF_ENABLED", "staff " + staffId + " (" + account.login() + ")");
        return account;
    }

    /** A temporary password that only allows choosing a new one; every session of the account ends. */
    @Transactional
    TemporaryPassword resetPassword(long actorId, long staffId) {
        Accounts.StaffAccount account = existing(staffId);
        StringBuilder temporary = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            temporary.append(TEMPORARY_ALPHABET.charAt(RANDOM.nextInt(TEMPORARY_ALPHABET.length())));
        }
        accounts.setPassword(staffId, temporary.toString(), true);
        int ended = sessions.endAll(account.login(), null);
        accounts.audit(actorId, "PASSWORD_RESET", "staff " + staffId + " (" + account.login() + "), "
                + ended + " session(s) ended");
        return new TemporaryPassword(staffId, account.login(), temporary.toString());
    }

    void revokeToken(long actorId, long tokenId) {
        if (!accounts.revokeToken(tokenId, null)) {
            throw ProblemException.notFound("unknown-token", "そのトークンは見つからないか、すでに無効です。");
        }
        accounts.audit(actorId, "STAFF_TOKEN_REVOKED", "token " + tokenId);
    }

    void endSession(long actorId, String sessionId) {
        if (!sessions.end(sessionId, null)) {
            throw ProblemException.notFound("unknown-session", "そのセッションは見つかりません。");
        }
        accounts.audit(actorId, "SESSION_ENDED", "session ended by an administrator");
    }

    List<AuditEntry> auditLog(int limit) {
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

package org.madoguchi.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What every signed-in staff member may do to their own account: password, API tokens, sessions. */
@RestController
@Tag(name = "Account", description = "自分のアカウント: パスワード変更、API トークン、ログイン中のセッション")
class AccountController {

    private final Accounts accounts;
    private final OwnAccount own;
    private final PasswordChanges passwords;
    private final StaffSessions sessions;

    AccountController(Accounts accounts, OwnAccount own, PasswordChanges passwords, StaffSessions sessions) {
        this.accounts = accounts;
        this.own = own;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    record Me(long id, String login, String displayName, Actor.Role role, Set<String> departments,
              boolean mustChangePassword) {
    }

    record NewPassword(@NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {
    }

    static StaffPrincipal staff(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff) {
            return staff;
        }
        throw ProblemException.forbidden("staff-only", "職員としてログインしてください。");
    }

    @GetMapping("/api/v1/staff/me")
    @Operation(summary = "Who is signed in, and whether the password must be changed first")
    Me me(Authentication authentication) {
        StaffPrincipal staff = staff(authentication);
        return new Me(staff.id(), staff.login(), staff.displayName(), staff.role(), staff.departments(),
                staff.mustChangePassword());
    }

    @PostMapping("/api/v1/staff/me/password")
    @Operation(summary = "Change your own password (12–128 characters); your other sessions end")
    ResponseEntity<Void> changePassword(@Valid @RequestBody NewPassword body, Authentication authentication,
                                        HttpServletRequest request, HttpServletResponse response) {
        passwords.change(staff(authentication), body.currentPassword(), body.newPassword(), request, response);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/staff/me/tokens")
    @Operation(summary = "Create an API token for yourself (Authorization: Bearer stf_…); shown only in this response")
    ResponseEntity<Accounts.StaffToken> createToken(@Valid @RequestBody OwnAccount.NewToken body,
                                                    Authentication authentication) {
        return ResponseEntity.status(201).body(own.createToken(staff(authentication), body));
    }

    @GetMapping("/api/v1/staff/me/tokens")
    @Operation(summary = "Your API tokens (names and dates; the secrets are never shown again)")
    List<Accounts.StaffTokenInfo> tokens(Authentication authentication) {
        return accounts.tokensOf(staff(authentication).id());
    }

    @DeleteMapping("/api/v1/staff/me/tokens/{tokenId}")
    @Operation(summary = "Revoke one of your API tokens")
    ResponseEntity<Void> revokeToken(@PathVariable long tokenId, Authentication authentication) {
        own.revokeToken(staff(authentication), tokenId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/staff/me/sessions")
    @Operation(summary = "Your signed-in browser sessions")
    List<StaffSessions.SessionInfo> mySessions(Authentication authentication, HttpServletRequest request) {
        HttpSession current = request.getSession(false);
        return sessions.list(staff(authentication).login(), current == null ? null : current.getId());
    }

    @DeleteMapping("/api/v1/staff/me/sessions/{sessionId}")
    @Operation(summary = "End one of your browser sessions (e.g. one left open on another PC)")
    ResponseEntity<Void> endSession(@PathVariable String sessionId, Authentication authentication) {
        own.endSession(staff(authentication), sessionId);
        return ResponseEntity.noContent().build();
    }
}

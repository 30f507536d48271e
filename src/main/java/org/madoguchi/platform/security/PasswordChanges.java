package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.madoguchi.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A staff member replaces their own password: the current one is checked (behind the sign-in throttle), the
 * other sessions of the account end, the session in use gets a new id and a fresh principal, and the first
 * administrator's generated password file is deleted once that password is no longer valid.
 */
@Service
class PasswordChanges {

    private final Accounts accounts;
    private final StaffSessions sessions;
    private final LoginThrottle throttle;
    private final FirstAdministrator firstAdministrator;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PasswordChanges(Accounts accounts, StaffSessions sessions, LoginThrottle throttle,
                    FirstAdministrator firstAdministrator) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.firstAdministrator = firstAdministrator;
    }

    @Transactional
    public void change(StaffPrincipal staff, String currentPassword, String newPassword, HttpServletRequest request,
                       HttpServletResponse response) {
        String client = request.getRemoteAddr();
        var wait = throttle.waitBefore(staff.login(), client);
        if (wait.isPresent()) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts",
                    "誤ったパスワードが続いたため、しばらく受け付けません。" + (wait.get().toSeconds() + 1) + " 秒後にお試しください。");
        }
        if (currentPassword == null || !accounts.passwordMatches(staff.id(), currentPassword)) {
            throttle.failed(staff.login(), client);
            throw ProblemException.invalid("wrong-current-password", "現在のパスワードが違います。");
        }
        throttle.succeeded(staff.login(), client);
        PasswordPolicy.refusal(staff.login(), newPassword).ifPresent(reason -> {
            throw ProblemException.invalid("weak-password", reason);
        });
        if (newPassword.equals(currentPassword)) {
            throw ProblemException.invalid("same-password", "今と違うパスワードにしてください。");
        }
        accounts.setPassword(staff.id(), newPassword, false);
        accounts.audit(staff.id(), "PASSWORD_CHANGED", "staff " + staff.id() + " (" + staff.login() + ")");
        HttpSession session = request.getSession(false);
        int ended = sessions.endAll(staff.login(), session == null ? null : session.getId());
        if (ended > 0) {
            accounts.audit(staff.id(), "SESSIONS_ENDED", ended + " other session(s) of staff " + staff.id());
        }
        firstAdministrator.passwordChanged(staff.login());
        if (session != null) {
            refresh(staff.login(), request, response);
        }
    }

    /** The session's principal was loaded before the change; replace it and rotate the session id. */
    private void refresh(String login, HttpServletRequest request, HttpServletResponse response) {
        accounts.findStaff(login).ifPresent(fresh -> {
            fresh.eraseCredentials();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new UsernamePasswordAuthenticationToken(fresh, null, fresh.getAuthorities()));
            SecurityContextHolder.setContext(context);
            request.changeSessionId();
            contexts.saveContext(context, request, response);
        });
    }
}

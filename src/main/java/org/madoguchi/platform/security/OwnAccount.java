package org.madoguchi.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.madoguchi.platform.ProblemException;
import org.springframework.stereotype.Service;

/** What staff do to their own API tokens and sessions, shared by the API and the /account page. */
@Service
class OwnAccount {

    record NewToken(@NotBlank(message = "入力してください") @Size(max = 100, message = "100 文字まで") String name) {
    }

    private final Accounts accounts;
    private final StaffSessions sessions;
    private final InputCheck input;

    OwnAccount(Accounts accounts, StaffSessions sessions, InputCheck input) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.input = input;
    }

    /** The token itself exists only in this answer: only its hash is stored. */
    Accounts.StaffToken createToken(StaffPrincipal staff, NewToken body) {
        input.validate(body);
        Accounts.StaffToken token = accounts.createStaffToken(staff.id(), body.name());
        accounts.audit(staff.id(), "STAFF_TOKEN_CREATED", "token " + token.id() + " of staff " + staff.id());
        return token;
    }

    void revokeToken(StaffPrincipal staff, long tokenId) {
        if (!accounts.revokeToken(tokenId, staff.id())) {
            throw ProblemException.notFound("unknown-token", "そのトークンは見つからないか、すでに無効です。");
        }
        accounts.audit(staff.id(), "STAFF_TOKEN_REVOKED", "token " + tokenId + " of staff " + staff.id());
    }

    void endSession(StaffPrincipal staff, String sessionId) {
        if (!sessions.end(sessionId, staff.login())) {
            throw ProblemException.notFound("unknown-session", "そのセッションは見つかりません。");
        }
        accounts.audit(staff.id(), "SESSION_ENDED", "a session of staff " + staff.id());
    }
}

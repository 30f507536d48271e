package org.madoguchi.platform.security;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff browser sessions as Spring Session keeps them in {@code platform.spring_session}. Sessions are named
 * by their table key (primary_id), never by the cookie value, so a listing cannot be used to take one over.
 */
@Component
class StaffSessions {

    record SessionInfo(String id, String login, Instant createdAt, Instant lastAccessAt, Instant expiresAt,
                       boolean current) {
    }

    private final JdbcClient jdbc;

    StaffSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Signed-in sessions, of one login or (login null) of everyone; {@code currentSessionId} is the cookie's. */
    List<SessionInfo> list(String login, String currentSessionId) {
        return jdbc.sql("""
                        SELECT primary_id, session_id, principal_name, creation_time, last_access_time, expiry_time
                        FROM platform.spring_session
                        WHERE principal_name IS NOT NULL AND (CAST(:login AS text) IS NULL OR principal_name = :login)
                          AND expiry_time > :now
                        ORDER BY last_access_time DESC""")
                .param("login", login).param("now", System.currentTimeMillis())
                .query((rs, n) -> new SessionInfo(rs.getString("primary_id"), rs.getString("principal_name"),
                        Instant.ofEpochMilli(rs.getLong("creation_time")),
                        Instant.ofEpochMilli(rs.getLong("last_access_time")),
                        Instant.ofEpochMilli(rs.getLong("expiry_time")),
                        rs.getString("session_id").equals(currentSessionId)))
                .list();
    }

    /** Ends one session; with {@code login} only if it is that person's. */
    boolean end(String primaryId, String login) {
        return jdbc.sql("""
                        DELETE FROM platform.spring_session
                        WHERE primary_id = :id AND (CAST(:login AS text) IS NULL OR principal_name = :login)""")
                .param("id", primaryId).param("login", login).update() == 1;
    }

    /** Ends every session of a login except the given cookie's (after a password change, a reset, a disable). */
    int endAll(String login, String exceptSessionId) {
        return jdbc.sql("""
                        DELETE FROM platform.spring_session
                        WHERE principal_name = :login AND (CAST(:except AS text) IS NULL OR session_id <> :except)""")
                .param("login", login).param("except", exceptSessionId).update();
    }
}

package org.madoguchi.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts and device tokens, kept in the platform schema. */
@Service
public class Accounts implements UserDetailsService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    Accounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    public record StaffAccount(long id, String login, String displayName, Actor.Role role, Set<String> departments,
                               boolean enabled, boolean mustChangePassword) {
    }

    public record DeviceRegistration(long id, String name, Actor.Role kind, String officeId, String token) {
    }

    public record Device(long id, String name, Actor.Role kind, String officeId, boolean enabled, Instant createdAt,
                         Instant revokedAt) {
    }

    public record StaffTokenInfo(long id, long staffId, String name, Instant createdAt, boolean revoked,
                                 Instant revokedAt) {
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        return findStaff(login).orElseThrow(() -> new UsernameNotFoundException("unknown login"));
    }

    Optional<StaffPrincipal> findStaff(String login) {
        return jdbc.sql("""
                        SELECT id, login, display_name, password_hash, role, enabled, must_change_password
                        FROM platform.staff WHERE login = :login""")
                .param("login", login)
                .query((rs, n) -> new StaffPrincipal(rs.getLong("id"), rs.getString("login"),
                        rs.getString("display_name"), rs.getString("password_hash"),
                        Actor.Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                        rs.getBoolean("must_change_password"), departmentsOf(rs.getLong("id"))))
                .optional();
    }

    private Set<String> departmentsOf(long staffId) {
        return new HashSet<>(jdbc.sql("SELECT department_id FROM platform.staff_department WHERE staff_id = :id")
                .param("id", staffId).query(String.class).list());
    }

    /** Writes an administrative action to the audit log (names and ids only, never secrets). */
    void audit(Long actorStaffId, String action, String target) {
        jdbc.sql("INSERT INTO platform.audit_log (actor_staff_id, action, target) VALUES (:actor, :action, :target)")
                .param("actor", actorStaffId).param("action", action).param("target", target).update();
    }

    public boolean anyAdministrator() {
        return jdbc.sql("SELECT count(*) FROM platform.staff WHERE role = 'ADMIN' AND enabled")
                .query(Long.class).single() > 0;
    }

    @Transactional
    public StaffAccount createStaff(String login, String displayName, String rawPassword, Actor.Role role,
                                    Set<String> departments, boolean mustChangePassword) {
        long id = jdbc.sql("""
                        INSERT INTO platform.staff (login, display_name, password_hash, role, must_change_password)
                        VALUES (:login, :name, :hash, :role, :must) RETURNING id""")
                .param("login", login).param("name", displayName)
                .param("hash", passwordEncoder.encode(rawPassword)).param("role", role.name())
                .param("must", mustChangePassword)
                .query(Long.class).single();
        for (String department : departments) {
            jdbc.sql("INSERT INTO platform.staff_department (staff_id, department_id) VALUES (:id, :d)")
                    .param("id", id).param("d", department).update();
        }
        return new StaffAccount(id, login, displayName, role, Set.copyOf(departments), true, mustChangePassword);
    }

    public List<StaffAccount> listStaff() {
        return jdbc.sql("SELECT id, login, display_name, role, enabled, must_change_password FROM platform.staff ORDER BY id")
                .query((rs, n) -> staffAccount(rs)).list();
    }

    Optional<StaffAccount> staffById(long id) {
        return jdbc.sql("""
                        SELECT id, login, display_name, role, enabled, must_change_password FROM platform.staff
                        WHERE id = :id""").param("id", id).query((rs, n) -> staffAccount(rs)).optional();
    }

    private StaffAccount staffAccount(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StaffAccount(rs.getLong("id"), rs.getString("login"), rs.getString("display_name"),
                Actor.Role.valueOf(rs.getString("role")), departmentsOf(rs.getLong("id")), rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"));
    }

    /** True when {@code rawPassword} is the account's current password (costs one password hash). */
    boolean passwordMatches(long staffId, String rawPassword) {
        return jdbc.sql("SELECT password_hash FROM platform.staff WHERE id = :id").param("id", staffId)
                .query(String.class).optional().map(hash -> passwordEncoder.matches(rawPassword, hash)).orElse(false);
    }

    /**
     * Sets a new password. {@code mustChange} is true when someone else chose it (an administrator's reset), so the
     * account's owner is asked to replace it at their next sign-in.
     */
    void setPassword(long staffId, String rawPassword, boolean mustChange) {
        jdbc.sql("""
                        UPDATE platform.staff SET password_hash = :hash, must_change_password = :must,
                               password_changed_at = now() WHERE id = :id""")
                .param("hash", passwordEncoder.encode(rawPassword)).param("must", mustChange).param("id", staffId)
                .update();
    }

    boolean setEnabled(long staffId, boolean enabled) {
        return jdbc.sql("UPDATE platform.staff SET enabled = :enabled WHERE id = :id")
                .param("enabled", enabled).param("id", staffId).update() == 1;
    }

    List<StaffTokenInfo> tokensOf(long staffId) {
        return jdbc.sql("""
                        SELECT id, staff_id, name, created_at, revoked, revoked_at FROM platform.staff_token
                        WHERE staff_id = :staff ORDER BY id""").param("staff", staffId)
                .query((rs, n) -> new StaffTokenInfo(rs.getLong("id"), rs.getLong("staff_id"), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(), rs.getBoolean("revoked"),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** Revokes a token; with {@code ownerId} only if it belongs to that staff member. False if none was revoked. */
    boolean revokeToken(long tokenId, Long ownerId) {
        return jdbc.sql("""
                        UPDATE platform.staff_token SET revoked = true, revoked_at = now()
                        WHERE id = :id AND NOT revoked AND (CAST(:owner AS bigint) IS NULL OR staff_id = :owner)""")
                .param("id", tokenId).param("owner", ownerId).update() == 1;
    }

    List<Device> listDevices() {
        return jdbc.sql("SELECT id, name, kind, office_id, enabled, created_at, revoked_at FROM platform.device ORDER BY id")
                .query((rs, n) -> new Device(rs.getLong("id"), rs.getString("name"),
                        Actor.Role.valueOf(rs.getString("kind")), rs.getString("office_id"), rs.getBoolean("enabled"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** A revoked device's token and paired browsers stop working at their next request. */
    boolean revokeDevice(long deviceId) {
        return jdbc.sql("UPDATE platform.device SET enabled = false, revoked_at = now() WHERE id = :id AND enabled")
                .param("id", deviceId).update() == 1;
    }

    /**
     * Registers a device and returns its token; only the token's hash is stored, so it is shown once. A metrics
     * scraper has no office ({@code officeId} null); kiosks and boards have one.
     */
    @Transactional
    public DeviceRegistration registerDevice(String name, Actor.Role kind, String officeId) {
        if (kind != Actor.Role.KIOSK && kind != Actor.Role.DISPLAY && kind != Actor.Role.METRICS) {
            throw new IllegalArgumentException("device kind must be KIOSK, DISPLAY or METRICS");
        }
        if ((kind == Actor.Role.METRICS) != (officeId == null)) {
            throw new IllegalArgumentException("a metrics scraper has no office, a kiosk or board has one");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.sql("""
                        INSERT INTO platform.device (name, kind, office_id, token_hash)
                        VALUES (:name, :kind, :office, :hash) RETURNING id""")
                .param("name", name).param("kind", kind.name()).param("office", officeId)
                .param("hash", sha256(token)).query(Long.class).single();
        return new DeviceRegistration(id, name, kind, officeId, token);
    }

    public record StaffToken(long id, String name, String token) {
    }

    /** A new API token for a staff member; only its hash is stored, so it is shown once. */
    @Transactional
    public StaffToken createStaffToken(long staffId, String name) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "stf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.sql("""
                        INSERT INTO platform.staff_token (staff_id, name, token_hash) VALUES (:staff, :name, :hash)
                        RETURNING id""")
                .param("staff", staffId).param("name", name).param("hash", sha256(token)).query(Long.class).single();
        return new StaffToken(id, name, token);
    }

    Optional<StaffPrincipal> findStaffByToken(String token) {
        return jdbc.sql("""
                        SELECT s.login FROM platform.staff_token t JOIN platform.staff s ON s.id = t.staff_id
                        WHERE t.token_hash = :hash AND NOT t.revoked AND s.enabled""")
                .param("hash", sha256(token)).query(String.class).optional().flatMap(this::findStaff);
    }

    Optional<DevicePrincipal> findDevice(String token) {
        return jdbc.sql("SELECT id, name, kind, office_id FROM platform.device WHERE token_hash = :hash AND enabled")
                .param("hash", sha256(token))
                .query((rs, n) -> new DevicePrincipal(rs.getLong("id"), rs.getString("name"),
                        Actor.Role.valueOf(rs.getString("kind")), rs.getString("office_id")))
                .optional();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.madoguchi.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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

    public record StaffAccount(long id, String login, String displayName, Actor.Role role, Set<String> departments) {
    }

    public record DeviceRegistration(long id, String name, Actor.Role kind, String officeId, String token) {
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        return findStaff(login).orElseThrow(() -> new UsernameNotFoundException("unknown login"));
    }

    Optional<StaffPrincipal> findStaff(String login) {
        return jdbc.sql("SELECT id, login, display_name, password_hash, role, enabled FROM platform.staff WHERE login = :login")
                .param("login", login)
                .query((rs, n) -> new StaffPrincipal(rs.getLong("id"), rs.getString("login"),
                        rs.getString("display_name"), rs.getString("password_hash"),
                        Actor.Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                        departmentsOf(rs.getLong("id"))))
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
                                    Set<String> departments) {
        long id = jdbc.sql("""
                        INSERT INTO platform.staff (login, display_name, password_hash, role)
                        VALUES (:login, :name, :hash, :role) RETURNING id""")
                .param("login", login).param("name", displayName)
                .param("hash", passwordEncoder.encode(rawPassword)).param("role", role.name())
                .query(Long.class).single();
        for (String department : departments) {
            jdbc.sql("INSERT INTO platform.staff_department (staff_id, department_id) VALUES (:id, :d)")
                    .param("id", id).param("d", department).update();
        }
        return new StaffAccount(id, login, displayName, role, Set.copyOf(departments));
    }

    public List<StaffAccount> listStaff() {
        return jdbc.sql("SELECT id, login, display_name, role FROM platform.staff ORDER BY id")
                .query((rs, n) -> new StaffAccount(rs.getLong("id"), rs.getString("login"),
                        rs.getString("display_name"), Actor.Role.valueOf(rs.getString("role")),
                        departmentsOf(rs.getLong("id"))))
                .list();
    }

    /** Registers a device and returns its token; only the token's hash is stored, so it is shown once. */
    @Transactional
    public DeviceRegistration registerDevice(String name, Actor.Role kind, String officeId) {
        if (kind != Actor.Role.KIOSK && kind != Actor.Role.DISPLAY) {
            throw new IllegalArgumentException("device kind must be KIOSK or DISPLAY");
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

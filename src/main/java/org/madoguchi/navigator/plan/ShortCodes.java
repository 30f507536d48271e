package org.madoguchi.navigator.plan;

import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Short codes for typing a plan at a kiosk or counter: {@code N} and six characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L). Each distinct plan gets one code, kept for good: a printed outcome stays valid.
 * Unlike pre-entry's short codes these are stored as they are, not hashed: a code is no secret (everyone who
 * gives the same answers is shown the same code) and stands only for departments and procedures, which the
 * same row holds anyway; the outcome page must show it again.
 */
@Component
public class ShortCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Entry(String code, String plan, String flowId) {
    }

    private final JdbcClient jdbc;

    ShortCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The code of {@code plan} (an MDG1 plan code), created on first use. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String codeFor(String plan, String flowId) {
        Optional<String> existing = byPlan(plan);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            String code = random();
            // ON CONFLICT DO NOTHING covers both a taken code and a concurrent insert of the same plan.
            int inserted = jdbc.sql("""
                            INSERT INTO navigator.plan_code (code, plan, flow_id) VALUES (:code, :plan, :flow)
                            ON CONFLICT DO NOTHING""")
                    .param("code", code).param("plan", plan).param("flow", flowId).update();
            if (inserted == 1) {
                return code;
            }
            existing = byPlan(plan);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        throw new DuplicateKeyException("no free navigator short code after 10 attempts");
    }

    private Optional<String> byPlan(String plan) {
        return jdbc.sql("SELECT code FROM navigator.plan_code WHERE plan = :plan").param("plan", plan)
                .query(String.class).optional();
    }

    /** A typed code, forgiving case, spaces and hyphens. */
    public Optional<Entry> find(String typed) {
        String code = normalise(typed);
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT code, plan, flow_id FROM navigator.plan_code WHERE code = :code").param("code", code)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    /** The navigator's entry for an MDG1 plan it produced, to count a scanned QR code. */
    public Optional<Entry> findByPlan(String plan) {
        return jdbc.sql("SELECT code, plan, flow_id FROM navigator.plan_code WHERE plan = :plan").param("plan", plan)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase();
        return code.matches("N[" + ALPHABET + "]{6}") ? code : null;
    }

    static String random() {
        StringBuilder code = new StringBuilder("N");
        for (int i = 0; i < 6; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}

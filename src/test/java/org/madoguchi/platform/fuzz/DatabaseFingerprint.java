package org.madoguchi.platform.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Row count and an order-independent hash of the content of every table of the application's schemas, so that
 * "nothing changed" can be asserted after thousands of requests. Left out, because they legitimately change
 * while requests are refused or while the application merely runs:
 * <ul>
 *   <li>platform.spring_session(_attributes): HTTP sessions come and go with any request;</li>
 *   <li>platform.audit_log: may record refusals, which is its job;</li>
 *   <li>statistics.ingest_watermark: the ingestion job stamps its time there every 30 s, events or not.</li>
 * </ul>
 */
public final class DatabaseFingerprint {

    public static final List<String> SCHEMAS = List.of("platform", "reception", "liveinfo", "statistics", "navigator",
            "preentry");
    static final Set<String> EXCLUDED = Set.of("platform.spring_session", "platform.spring_session_attributes",
            "platform.audit_log", "statistics.ingest_watermark");

    private DatabaseFingerprint() {
    }

    /** Table name to "rows:hash". */
    public static Map<String, String> take(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                        SELECT table_schema || '.' || table_name FROM information_schema.tables
                        WHERE table_type = 'BASE TABLE' AND table_schema IN (:schemas) ORDER BY 1""")
                .param("schemas", SCHEMAS).query(String.class).list();
        Map<String, String> fingerprint = new LinkedHashMap<>();
        for (String table : tables) {
            if (EXCLUDED.contains(table)) {
                continue;
            }
            // The names come from the catalogue, not from a request; quoting keeps odd names harmless anyway.
            String[] parts = table.split("\\.", 2);
            String quoted = "\"" + parts[0] + "\".\"" + parts[1] + "\"";
            fingerprint.put(table, jdbc.sql("SELECT count(*) || ':' || coalesce(sum(hashtextextended(t::text, 7)), 0) FROM "
                    + quoted + " t").query(String.class).single());
        }
        return fingerprint;
    }
}

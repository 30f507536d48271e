package org.madoguchi.platform.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's tables and sequences, found in PostgreSQL's catalog rather than named here: the backup belongs
 * to the platform, which must not know the capability modules' tables, and a table added by a later migration is
 * backed up without a change here. Tables come parent first (by foreign key), so loading them in that order never
 * violates a constraint.
 */
final class BackupCatalog {

    /** Flyway's own history is rebuilt by Flyway on restore; web sessions are not worth bringing back. */
    private static final Set<String> SKIPPED = Set.of("flyway_schema_history", "spring_session", "spring_session_attributes");

    record Table(String schema, String name, List<String> columns) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }

        String columnList() {
            return String.join(", ", columns.stream().map(BackupCatalog::quote).toList());
        }
    }

    record Sequence(String schema, String name, Long lastValue, String ownerTable, String ownerColumn) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }
    }

    private BackupCatalog() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static List<Table> tables(Connection connection, List<String> schemas) throws SQLException {
        Map<String, Table> byName = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT n.nspname, c.relname,
                       array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum > 0 AND NOT a.attisdropped
                                                                           AND a.attgenerated = '')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid
                WHERE c.relkind = 'r' AND n.nspname = ANY (?)
                GROUP BY n.nspname, c.relname ORDER BY n.nspname, c.relname""")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (SKIPPED.contains(rows.getString(2))) {
                        continue;
                    }
                    Array columns = rows.getArray(3);
                    Table table = new Table(rows.getString(1), rows.getString(2), List.of((String[]) columns.getArray()));
                    byName.put(table.schema() + "." + table.name(), table);
                }
            }
        }
        return parentsFirst(byName, references(connection, schemas));
    }

    /** Child → the tables its foreign keys point to. */
    private static Map<String, Set<String>> references(Connection connection, List<String> schemas) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT cn.nspname || '.' || c.relname, pn.nspname || '.' || p.relname
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
                JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace
                WHERE k.contype = 'f' AND cn.nspname = ANY (?)""")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    references.computeIfAbsent(rows.getString(1), k -> new LinkedHashSet<>()).add(rows.getString(2));
                }
            }
        }
        return references;
    }

    private static List<Table> parentsFirst(Map<String, Table> tables, Map<String, Set<String>> references) {
        Set<String> placed = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : tables.keySet()) {
            place(name, tables, references, placed, visiting);
        }
        return placed.stream().map(tables::get).toList();
    }

    private static void place(String name, Map<String, Table> tables, Map<String, Set<String>> references,
                              Set<String> placed, Set<String> visiting) {
        if (placed.contains(name) || !tables.containsKey(name)) {
            return;
        }
        if (!visiting.add(name)) {
            throw new IllegalStateException("Foreign keys form a cycle through " + name + "; the backup cannot order it");
        }
        for (String parent : references.getOrDefault(name, Set.of())) {
            if (!parent.equals(name)) {
                place(parent, tables, references, placed, visiting);
            }
        }
        visiting.remove(name);
        placed.add(name);
    }

    static List<Sequence> sequences(Connection connection, List<String> schemas) throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.schemaname, s.sequencename, s.last_value, t.relname, a.attname
                FROM pg_sequences s
                JOIN pg_namespace n ON n.nspname = s.schemaname
                JOIN pg_class q ON q.relname = s.sequencename AND q.relnamespace = n.oid
                LEFT JOIN pg_depend d ON d.objid = q.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                LEFT JOIN pg_class t ON t.oid = d.refobjid
                LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE s.schemaname = ANY (?) ORDER BY 1, 2""")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // Read before the other columns: wasNull() speaks of the column read last.
                    long read = rows.getLong(3);
                    Long last = rows.wasNull() ? null : read;
                    sequences.add(new Sequence(rows.getString(1), rows.getString(2), last, rows.getString(4),
                            rows.getString(5)));
                }
            }
        }
        return sequences;
    }
}

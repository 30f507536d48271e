package org.madoguchi.platform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The role the application (and Flyway) connects as: it may log in and create schemas in its database, nothing a
 * superuser may. Data directories made before it existed hold everything as {@code postgres}; ownership of those
 * schemas and of what is in them moves to the role (object by object: REASSIGN OWNED would reach system objects).
 */
final class ApplicationRole {

    static final String NAME = "madoguchi";

    private static final String ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

    /** Schemas of the application that an older version created as the superuser. */
    private static final String SCHEMAS = """
            SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, ?::text) FROM pg_namespace
            WHERE nspowner = 'postgres'::regrole AND nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')
            ORDER BY nspname""";

    /**
     * Relations; a sequence that belongs to a column (identity, serial) moves with its table and cannot alone. (A
     * generated column's dependency on other columns is also 'a', hence the test for a sequence.)
     */
    private static final String RELATIONS = """
            SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                       WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass, ?::text)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspowner = ?::regrole AND c.relowner = 'postgres'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                       AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid <> 0
                       AND d.deptype IN ('a', 'i')))
            ORDER BY c.oid""";

    private static final String ROUTINES = """
            SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, ?::text)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspowner = ?::regrole AND p.proowner = 'postgres'::regrole
            ORDER BY p.oid""";

    /** Enums, ranges, domains and stand-alone composite types; a table's row type and arrays follow their owner. */
    private static final String TYPES = """
            SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype, ?::text)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspowner = ?::regrole AND t.typowner = 'postgres'::regrole AND t.typtype IN ('e', 'r', 'd', 'c')
              AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
            ORDER BY t.oid""";

    private ApplicationRole() {
    }

    /** Creates or re-asserts the role, sets its password and hands it what it owns; run as the superuser. */
    static void ensure(Connection superuser, String password) throws SQLException {
        boolean autoCommit = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        try (Statement statement = superuser.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + NAME + "'")) {
                exists = rs.next();
            }
            statement.execute((exists ? "ALTER" : "CREATE") + " ROLE " + NAME + " " + ATTRIBUTES);
            // Hashed here (SCRAM): the statement the server sees, and might log, never holds the password.
            superuser.unwrap(PGConnection.class).alterUserPassword(NAME, password.toCharArray(), "scram-sha-256");
            // CREATE on the database: Flyway, as this role, creates the schemas of new modules.
            statement.execute(sql(superuser, "SELECT format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO %I', "
                    + "current_database(), ?::text)").get(0));
            // Nobody but owners creates objects that the application's search path could pick up.
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            for (String query : List.of(SCHEMAS, RELATIONS, ROUTINES, TYPES)) {
                for (String alter : sql(superuser, query)) {
                    statement.execute(alter);
                }
            }
            superuser.commit();
        } catch (SQLException | RuntimeException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(autoCommit);
        }
    }

    /** The statements a catalog query writes; each of its parameters is the role's name. */
    private static List<String> sql(Connection connection, String query) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(query)) {
            for (int i = 1; i <= select.getParameterMetaData().getParameterCount(); i++) {
                select.setString(i, NAME);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            }
        }
        return statements;
    }
}

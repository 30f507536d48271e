package org.madoguchi.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded default as a local attacker meets it: no way in as the superuser without its password, and the
 * application's own connections cannot read server files or run programs. Data directories of older versions,
 * which trusted every local user, are closed and handed to the application's role on their next start.
 */
class EmbeddedDatabaseSecurityTest {

    private static final Actor STAFF = Actor.staff(6002, Actor.Role.MANAGER, Set.of());

    @Test
    void everyConnectionNeedsAPasswordAndTheApplicationIsNoSuperuser(@TempDir Path dir) throws Exception {
        Map<String, Object> properties = embeddedDefault(dir);
        TestApp app = TestApp.start(properties);
        try {
            int port = app.bean(EmbeddedDatabase.class).port();
            assertRefused(port, "postgres", null);
            assertRefused(port, "postgres", "wrong-password");
            assertRefused(port, ApplicationRole.NAME, "wrong-password");
            try (Connection superuser = connect(port, "postgres", read(dir.resolve("pg-superuser-password")))) {
                assertThat(superuser.isValid(1)).isTrue();
            }
            assertNoTrust(dir);
            for (String file : List.of("pg-superuser-password", "pg-madoguchi-password")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                        .as(file).isEqualTo("rw-------");
            }

            assertThat(app.jdbc().sql("SELECT current_user").query(String.class).single()).isEqualTo("madoguchi");
            assertThat(app.jdbc().sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                    .query(Boolean.class).single()).isFalse();
            assertThat(app.jdbc().sql("""
                    SELECT count(*) FROM pg_namespace WHERE nspname IN ('platform', 'reception', 'statistics')
                      AND nspowner = current_user::regrole""").query(Long.class).single()).isEqualTo(3);
            DataSource dataSource = app.bean(DataSource.class);
            assertPermissionDenied(dataSource, "SELECT pg_read_file('postgresql.conf')");
            assertPermissionDenied(dataSource, "COPY (SELECT 1) TO PROGRAM 'true'");
            assertPermissionDenied(dataSource, "ALTER SYSTEM SET log_statement = 'none'");
            issue(app);
        } finally {
            app.close();
        }

        // A new application password in its file is what rotating it takes: the next start sets it.
        Files.writeString(dir.resolve("pg-madoguchi-password"), "rotated-" + System.nanoTime() + "\n");
        TestApp again = TestApp.start(properties);
        try {
            assertThat(again.jdbc().sql("SELECT count(*) FROM reception.ticket").query(Long.class).single())
                    .isEqualTo(1);
            assertRefused(again.bean(EmbeddedDatabase.class).port(), "postgres", null);
        } finally {
            again.close();
        }
    }

    @Test
    void aTrustingDataDirectoryOfAnOlderVersionIsUpgradedWithItsData(@TempDir Path dir) throws Exception {
        // What an older version left: initdb's trust, and its schemas migrated and owned by postgres.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(false).start()) {
            Flyway.configure().dataSource(old.getPostgresDatabase()).schemas(flywaySchemas()).createSchemas(true)
                    .load().migrate();
            try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE platform.old_note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)");
                s.execute("INSERT INTO platform.old_note (note) VALUES ('before the upgrade')");
            }
        }
        assertThat(ScramOnlyAccess.trusting(dir.resolve("pg"))).isTrue();

        TestApp app = TestApp.start(embeddedDefault(dir));
        try {
            assertThat(app.jdbc().sql("SELECT note FROM platform.old_note").query(String.class).list())
                    .containsExactly("before the upgrade");
            // Identity sequences moved with their tables: the role can insert.
            app.jdbc().sql("INSERT INTO platform.old_note (note) VALUES ('after')").update();
            assertThat(app.jdbc().sql("""
                    SELECT 'relation ' || c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname IN (%1$s) AND c.relowner <> current_user::regrole
                    UNION ALL SELECT 'routine ' || p.oid::regprocedure FROM pg_proc p
                    JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname IN (%1$s) AND p.proowner <> current_user::regrole
                    UNION ALL SELECT 'type ' || t.oid::regtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    WHERE n.nspname IN (%1$s) AND t.typowner <> current_user::regrole
                    UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
                    WHERE nspname IN (%1$s) AND nspowner <> current_user::regrole""".formatted(quotedSchemas()))
                    .query(String.class).list()).isEmpty();
            assertThat(app.jdbc().sql("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE n.nspname = 'statistics'").query(Long.class).single()).isPositive();
            issue(app);
            assertRefused(app.bean(EmbeddedDatabase.class).port(), "postgres", null);
            assertNoTrust(dir);
        } finally {
            app.close();
        }
    }

    @Test
    void aClosedDataDirectoryWithoutItsSuperuserPasswordFailsAtOnce(@TempDir Path dir) throws Exception {
        EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties properties =
                new EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties(dir.resolve("pg").toString(), 0, false, 5);
        EmbeddedDatabaseConfiguration.start(properties).close();
        Files.delete(dir.resolve("pg-superuser-password"));

        assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.start(properties))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pg-superuser-password");
    }

    private static Map<String, Object> embeddedDefault(Path dir) {
        return Map.of(
                "madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.embedded-db.durable", "false",
                "madoguchi.embedded-db.pool-size", "5",
                "madoguchi.admin.password-file", dir.resolve("admin-password.txt").toString());
    }

    private static void issue(TestApp app) {
        app.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                List.of(new ItineraryStep("koseki-jumin", List.of())), null, null, null), STAFF);
    }

    private static String[] flywaySchemas() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("spring.flyway.schemas").split(",");
    }

    private static String quotedSchemas() {
        return String.join(", ", List.of(flywaySchemas()).stream().map(s -> "'" + s.trim() + "'").toList());
    }

    private static void assertNoTrust(Path dir) throws Exception {
        List<String> rules = Files.readAllLines(dir.resolve("pg/pg_hba.conf"), StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty()).toList();
        assertThat(rules).isNotEmpty().allMatch(line -> line.endsWith("scram-sha-256"))
                .noneMatch(line -> line.contains("trust"));
    }

    private static void assertRefused(int port, String user, String password) {
        assertThatThrownBy(() -> connect(port, user, password).close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("08004", "28P01"));
    }

    private static void assertPermissionDenied(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", properties);
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}

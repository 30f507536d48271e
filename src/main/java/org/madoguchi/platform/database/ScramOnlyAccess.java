package org.madoguchi.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The embedded server's pg_hba.conf, which madoguchi manages: initdb writes {@code trust} (any local process is the
 * superuser), this replaces it with a password (SCRAM) on every connection, socket and loopback alike. Replication
 * connections are not listed and so refused.
 */
final class ScramOnlyAccess {

    static final String HBA = """
            # Managed by madoguchi (EmbeddedDatabaseConfiguration) and rewritten on start: every connection needs a
            # password. See docs/database-security.md.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    private ScramOnlyAccess() {
    }

    /** Whether the file still lets anyone in without a password (initdb's default, or a data dir of old versions). */
    static boolean trusting(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return true;
        }
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> !line.matches(".*\\sscram-sha-256$"));
    }

    /** Writes the file when it differs, reloads, and waits until a connection without a password is refused. */
    static void enforce(Path dataDir, Connection superuser, int port) throws IOException, SQLException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
            return;
        }
        Path temp = Files.createTempFile(dataDir, ".pg_hba", ".tmp");
        Files.writeString(temp, HBA, StandardCharsets.UTF_8);
        Files.move(temp, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (Statement statement = superuser.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
        awaitPasswordRequired(port);
    }

    /** The postmaster reloads on a signal, shortly after pg_reload_conf returns. */
    private static void awaitPasswordRequired(int port) {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        Properties noPassword = new Properties();
        noPassword.setProperty("user", "postgres");
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/postgres", noPassword)) {
                Thread.sleep(50);
            } catch (SQLException e) {
                // 08004: the driver was asked for a password it does not have; 28xxx: the server said no.
                if ("08004".equals(e.getSQLState()) || String.valueOf(e.getSQLState()).startsWith("28")) {
                    return;
                }
                throw new IllegalStateException("Could not check the embedded database's pg_hba.conf", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the embedded database reloaded pg_hba.conf", e);
            }
        }
        throw new IllegalStateException("The embedded database still accepts connections without a password after "
                + "pg_hba.conf was rewritten");
    }
}

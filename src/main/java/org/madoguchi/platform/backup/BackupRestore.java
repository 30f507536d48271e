package org.madoguchi.platform.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.madoguchi.platform.PurgeAfterRestore;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ApplicationListener;

/**
 * Restores {@code madoguchi.backup.restore} in place of the start-up migration: refuses a database that has any
 * table, migrates to the backup's schema version, loads every table (COPY FROM, binary), moves the sequences past
 * the loaded ids, migrates to the current version, and purges what is past its retention before anything is
 * served. With {@code madoguchi.backup.restore-exit=true} the application then stops.
 */
class BackupRestore implements FlywayMigrationStrategy, SmartInitializingSingleton,
        ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(BackupRestore.class);

    private final Backups backups;
    private final BackupProperties properties;
    private final ObjectProvider<PurgeAfterRestore> purges;
    private BackupManifest restored;

    BackupRestore(Backups backups, BackupProperties properties, ObjectProvider<PurgeAfterRestore> purges) {
        this.backups = backups;
        this.properties = properties;
        this.purges = purges;
    }

    @Override
    public void migrate(Flyway flyway) {
        Path file = Path.of(properties.restore());
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("madoguchi.backup.restore: no backup file " + file);
        }
        try {
            // The whole file is decrypted and checked once before the database is touched.
            BackupManifest manifest = BackupFiles.manifest(file, backups.keys(), backups.json());
            DataSource dataSource = flyway.getConfiguration().getDataSource();
            refuseNonEmpty(dataSource);
            refuseUnknownVersion(flyway, manifest.flywayVersion());
            if (manifest.flywayVersion() != null) {
                Flyway.configure(flyway.getConfiguration().getClassLoader()).configuration(flyway.getConfiguration())
                        .target(manifest.flywayVersion()).load().migrate();
            }
            load(dataSource, file, manifest);
            flyway.migrate();
            restored = manifest;
            log.info("Restored backup {} of {} (schema version {}): {} tables, {} rows", file.getFileName(),
                    manifest.createdAt(), manifest.flywayVersion(), manifest.tables().size(),
                    manifest.tables().stream().mapToLong(BackupManifest.TableEntry::rows).sum());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restore " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not restore " + file + ": " + e.getMessage(), e);
        }
    }

    private void refuseNonEmpty(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?)""")) {
            statement.setArray(1, connection.createArrayOf("text", backups.schemas().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    throw new IllegalStateException("madoguchi.backup.restore refuses a database that already has "
                            + "tables in " + backups.schemas() + "; restore into an empty database (docs/backup.md)");
                }
            }
        }
    }

    /** An older jar cannot rebuild a newer schema: the rollback jar must be the one that wrote the backup, or newer. */
    private static void refuseUnknownVersion(Flyway flyway, String version) {
        if (version != null && Arrays.stream(flyway.info().all())
                .noneMatch(m -> m.getVersion() != null && m.getVersion().getVersion().equals(version))) {
            throw new IllegalStateException("The backup has schema version " + version + ", which this madoguchi "
                    + "version does not know; restore it with the version that wrote it or a newer one (docs/backup.md)");
        }
    }

    /** All in one transaction: a failed restore leaves no half-loaded tables behind. */
    private void load(DataSource dataSource, Path file, BackupManifest manifest) throws IOException, SQLException {
        Map<String, BackupManifest.TableEntry> tables = new LinkedHashMap<>();
        manifest.tables().forEach(t -> tables.put(t.schema() + "." + t.name(), t));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<String> names = manifest.tables().stream()
                    .map(t -> BackupCatalog.quote(t.schema()) + "." + BackupCatalog.quote(t.name())).toList();
            // The modules' triggers (rollups, notifications) already did their work before the backup: their
            // results are in it. Foreign keys are not user triggers and stay checked.
            triggers(connection, names, "DISABLE");
            try (var statement = connection.createStatement()) {
                // Rows the migrations seeded are in the backup too (possibly changed since).
                statement.execute("TRUNCATE " + String.join(", ", names));
            }
            BackupFiles.tables(file, backups.keys(), (entry, data) -> {
                BackupManifest.TableEntry table = tables.get(entry);
                if (table == null) {
                    throw new IOException("Backup entry " + entry + " is not in its manifest");
                }
                long rows = copy.copyIn("COPY " + BackupCatalog.quote(table.schema()) + "." + BackupCatalog.quote(table.name())
                        + " (" + String.join(", ", table.columns().stream().map(BackupCatalog::quote).toList())
                        + ") FROM STDIN (FORMAT binary)", data);
                if (rows != table.rows()) {
                    throw new IOException("Table " + entry + ": " + rows + " rows loaded, manifest says " + table.rows());
                }
            });
            for (BackupManifest.SequenceEntry sequence : manifest.sequences()) {
                resetSequence(connection, sequence);
            }
            triggers(connection, names, "ENABLE");
            connection.commit();
        }
    }

    private static void triggers(Connection connection, List<String> tables, String action) throws SQLException {
        try (var statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("ALTER TABLE " + table + " " + action + " TRIGGER USER");
            }
        }
    }

    /** At least the value it had at backup time, and past every id loaded into its column. */
    private static void resetSequence(Connection connection, BackupManifest.SequenceEntry sequence) throws SQLException {
        Long value = sequence.lastValue();
        if (sequence.ownerTable() != null) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT max(" + BackupCatalog.quote(sequence.ownerColumn())
                    + ") FROM " + BackupCatalog.quote(sequence.schema()) + "." + BackupCatalog.quote(sequence.ownerTable()));
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                long max = rows.getLong(1);
                if (!rows.wasNull()) {
                    value = value == null ? max : Math.max(value, max);
                }
            }
        }
        if (value != null) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                statement.setString(1, BackupCatalog.quote(sequence.schema()) + "." + BackupCatalog.quote(sequence.name()));
                statement.setLong(2, value);
                statement.execute();
            }
        }
    }

    /** Every module's purge runs before the web server starts, so restored expired data is never served. */
    @Override
    public void afterSingletonsInstantiated() {
        if (restored == null) {
            return;
        }
        int deleted = purges.orderedStream().mapToInt(PurgeAfterRestore::purgeAfterRestore).sum();
        log.info("After restore: {} rows past their retention deleted", deleted);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (restored != null && properties.restoreExit()) {
            log.info("Restore finished; stopping as madoguchi.backup.restore-exit asks");
            System.exit(SpringApplication.exit(event.getApplicationContext(), () -> 0));
        }
    }
}

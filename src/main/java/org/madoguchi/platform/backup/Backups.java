package org.madoguchi.platform.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.madoguchi.platform.BackupStatus;
import org.madoguchi.platform.KeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes backups (all tables in one REPEATABLE READ, READ ONLY snapshot), lists them, keeps the newest
 * {@code madoguchi.backup.keep} and tells whether the newest is too old. Logs names and counts, never data.
 */
@Service
class Backups implements BackupStatus {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    static final String PREFIX = "madoguchi-backup-";
    static final String SUFFIX = ".mdgbak";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS'Z'")
            .withZone(ZoneOffset.UTC);

    record BackupFile(String name, Instant createdAt, long size, String flywayVersion, String appVersion) {
    }

    private final DataSource dataSource;
    private final BackupProperties properties;
    private final Environment environment;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<BuildProperties> buildProperties;
    private volatile KeyRing keys;

    Backups(DataSource dataSource, BackupProperties properties, Environment environment, JsonMapper json, Clock clock,
            ObjectProvider<BuildProperties> buildProperties) {
        this.dataSource = dataSource;
        this.buildProperties = buildProperties;
        this.properties = properties;
        this.environment = environment;
        this.json = json;
        this.clock = clock;
        if (enabled()) {
            // A missing or broken key shows at start, not at seven in the evening.
            keys();
        }
    }

    /** Explicitly configured, or on exactly when the application runs its own embedded database. */
    boolean enabled() {
        return properties.enabled() != null ? properties.enabled()
                : environment.getProperty("spring.datasource.url", "").isBlank();
    }

    /** Made on first use when backups are off: no key file appears on an installation that never backs up. */
    KeyRing keys() {
        KeyRing ring = keys;
        if (ring == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = BackupKeys.from(properties);
                }
                ring = keys;
            }
        }
        return ring;
    }

    JsonMapper json() {
        return json;
    }

    Path directory() {
        return Path.of(properties.directory());
    }

    List<String> schemas() {
        return Arrays.stream(environment.getProperty("spring.flyway.schemas", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    String flywayTable() {
        return BackupCatalog.quote(schemas().get(0)) + "."
                + BackupCatalog.quote(environment.getProperty("spring.flyway.table", "flyway_schema_history"));
    }

    /** One backup at a time: the scheduled one and a manual one must not write the same snapshot twice. */
    synchronized BackupManifest take() {
        Instant now = clock.instant();
        Path dir = directory();
        Path temp = null;
        try {
            createOwnerOnly(dir);
            temp = ownerOnlyTemp(dir);
            BackupManifest manifest;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                try {
                    manifest = BackupFiles.write(connection, temp, keys(), json, now, appVersion(),
                            flywayVersion(connection), schemas());
                } finally {
                    connection.rollback();
                }
            }
            Path target = dir.resolve(PREFIX + STAMP.format(now) + SUFFIX);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            long rows = manifest.tables().stream().mapToLong(BackupManifest.TableEntry::rows).sum();
            log.info("Backup {} written: {} tables, {} rows, schema version {}", target.getFileName(),
                    manifest.tables().size(), rows, manifest.flywayVersion());
            prune();
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("Backup into " + dir + " failed", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Backup failed reading the database: " + e.getSQLState(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A leftover temporary file is ignored by the listing and replaced next time.
                }
            }
        }
    }

    /** A directory made here is the service account's alone; an existing one keeps what its owner chose. */
    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: inherited permissions apply.
        }
    }

    private static Path ownerOnlyTemp(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, "." + PREFIX, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's permissions apply.
            return Files.createTempFile(dir, "." + PREFIX, ".tmp");
        }
    }

    String flywayVersion(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT version FROM " + flywayTable()
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private String appVersion() {
        BuildProperties build = buildProperties.getIfAvailable();
        return build == null || build.getVersion() == null ? "unknown" : build.getVersion();
    }

    /** Newest first; a file whose header cannot be read (another key, damaged) is listed without its versions. */
    List<BackupFile> list() {
        List<BackupFile> files = new ArrayList<>();
        for (Path file : files()) {
            Instant created = createdAt(file);
            try {
                BackupManifest.Header header = BackupFiles.header(file, keys(), json);
                files.add(new BackupFile(file.getFileName().toString(), header.createdAt(), Files.size(file),
                        header.flywayVersion(), header.appVersion()));
            } catch (IOException | RuntimeException unreadable) {
                files.add(new BackupFile(file.getFileName().toString(), created, size(file), null, null));
            }
        }
        return files;
    }

    /** Backup files of this application in the directory, newest first (their names sort by time). */
    List<Path> files() {
        if (!Files.isDirectory(directory())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory())) {
            return entries.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory(), e);
        }
    }

    private void prune() throws IOException {
        List<Path> files = files();
        for (Path old : files.subList(Math.min(properties.keep(), files.size()), files.size())) {
            Files.deleteIfExists(old);
            log.info("Backup {} deleted (more than {} kept)", old.getFileName(), properties.keep());
        }
    }

    static Instant createdAt(Path file) {
        String name = file.getFileName().toString();
        return STAMP.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()), Instant::from);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Optional<Overdue> overdue() {
        if (!enabled()) {
            return Optional.empty();
        }
        List<Path> files = files();
        if (files.isEmpty()) {
            return Optional.of(new Overdue(null));
        }
        Duration age = Duration.between(createdAt(files.get(0)), clock.instant());
        return age.compareTo(properties.maxAge()) > 0 ? Optional.of(new Overdue(age.toHours())) : Optional.empty();
    }
}

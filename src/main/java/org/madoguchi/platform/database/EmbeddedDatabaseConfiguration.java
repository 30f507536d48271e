package org.madoguchi.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no {@code spring.datasource.url} configured, madoguchi runs its own PostgreSQL whose data lives
 * under {@code ./data/pg} and survives restarts. The library's defaults favour test speed (fsync off);
 * an acknowledged ticket must survive a power cut, so durability is switched back on here.
 *
 * <p>The library's initdb also trusts every local connection as the superuser. Here every connection needs a
 * password ({@link ScramOnlyAccess}), the superuser's and the application role's are generated into owner-only files
 * beside the data directory ({@link EmbeddedPasswords}), and the application connects as a role without superuser
 * rights ({@link ApplicationRole}). A data directory of an older version is upgraded in place on its next start.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    static final long CONNECTION_TIMEOUT_MS = 2500;
    static final long VALIDATION_TIMEOUT_MS = 1000;
    /**
     * The library gives up after 10 s; crash recovery after a killed server replays the WAL since the last
     * checkpoint first, which on a slow or busy machine takes longer.
     */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    @ConfigurationProperties("madoguchi.embedded-db")
    public record EmbeddedDatabaseProperties(String dataDir, Integer port, Boolean durable, Integer poolSize) {
        public EmbeddedDatabaseProperties {
            dataDir = dataDir == null ? "data/pg" : dataDir;
            port = port == null ? 0 : port;
            durable = durable == null || durable;
            poolSize = poolSize == null ? 20 : poolSize;
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
        return start(properties);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database, EmbeddedDatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setPoolName("madoguchi-embedded");
        config.setMaximumPoolSize(properties.poolSize());
        // While the server restarts after a crash a request waits this long for a connection, not Hikari's 30 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        return new HikariDataSource(config);
    }

    /** Starts (or restarts on existing data) a PostgreSQL server; public so tests and tools share it. */
    public static EmbeddedDatabase start(EmbeddedDatabaseProperties properties) throws IOException {
        Path dir = Path.of(properties.dataDir()).toAbsolutePath();
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = launch(properties, dir, properties.port());
        return new EmbeddedDatabase(dir, postgres, EmbeddedPasswords.beside(dir).application(),
                port -> launch(properties, dir, port));
    }

    /** One start of the server on {@code dir}: the first, or a restart after a crash on the port of the first. */
    private static EmbeddedPostgres launch(EmbeddedDatabaseProperties properties, Path dir, int port)
            throws IOException {
        EmbeddedPasswords passwords = EmbeddedPasswords.beside(dir);
        if (!passwords.superuserKnown() && !ScramOnlyAccess.trusting(dir)) {
            // A new password would not open this cluster; the library would only time out.
            throw new IllegalStateException("The embedded database in " + dir + " requires a password, but "
                    + passwords.superuserFile() + " is missing (docs/database-security.md, lost password)");
        }
        String superuserPassword = passwords.superuser();
        String onOff = properties.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // Spring stops the server after the connection pool, in order; a JVM hook of the library's
                // own would cut connections while the application is still shutting down.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", onOff)
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                // The library's readiness check connects as postgres; a trusting cluster ignores the password.
                .setConnectConfig("password", superuserPassword);
        if (port != 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new IOException("The embedded database did not start (" + e.getMessage()
                    + "); if it refused the password, " + passwords.superuserFile()
                    + " does not match the cluster in " + dir, e);
        }
        String applicationPassword = passwords.application();
        try (Connection superuser = postgres.getPostgresDatabase().getConnection()) {
            superuser.unwrap(PGConnection.class).alterUserPassword("postgres", superuserPassword.toCharArray(),
                    "scram-sha-256");
            ApplicationRole.ensure(superuser, applicationPassword);
            ScramOnlyAccess.enforce(dir, superuser, postgres.getPort());
        } catch (SQLException | RuntimeException | IOException e) {
            postgres.close();
            throw new IOException("Could not secure the embedded database in " + dir, e);
        }
        log.info("Embedded PostgreSQL on port {} with data in {} (durable: {})", postgres.getPort(), dir,
                properties.durable());
        return postgres;
    }

    @Bean
    EmbeddedDatabaseWatchdog embeddedDatabaseWatchdog(EmbeddedDatabase database, DatabaseAvailability availability,
            @Value("${madoguchi.embedded-db.watchdog-interval:PT0.5S}") Duration interval,
            @Value("${madoguchi.embedded-db.restart-delay:PT0S}") Duration restartDelay) {
        return new EmbeddedDatabaseWatchdog(database, availability, interval, restartDelay);
    }

    static class NoDatabaseConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}

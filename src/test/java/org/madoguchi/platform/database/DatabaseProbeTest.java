package org.madoguchi.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;

/** The probe reports a database that cannot be reached, but not a pool whose connections are all in use. */
class DatabaseProbeTest {

    @Test
    void aRefusedConnectionIsAnOutageAndItsReturnIsNoticed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseAvailability availability = new DatabaseAvailability();
        try (HikariDataSource nowhere = pool("jdbc:postgresql://localhost:" + closedPort + "/postgres", 2)) {
            new DatabaseProbe(nowhere, availability, Duration.ofSeconds(1)).probe();
        }
        assertThat(availability.available()).isFalse();
        assertThat(availability.downSince()).isNotNull();

        try (HikariDataSource database = pool(TestApp.database().jdbcUrl(), 2)) {
            new DatabaseProbe(database, availability, Duration.ofSeconds(1)).probe();
        }
        assertThat(availability.available()).isTrue();
        assertThat(availability.downSince()).isNull();
    }

    @Test
    void aPoolWhoseConnectionsAreAllInUseIsNoOutage() throws Exception {
        DatabaseAvailability availability = new DatabaseAvailability();
        try (HikariDataSource database = pool(TestApp.database().jdbcUrl(), 1);
                Connection busy = database.getConnection()) {
            assertThat(busy.isValid(1)).isTrue();
            new DatabaseProbe(database, availability, Duration.ofSeconds(1)).probe();
        }
        assertThat(availability.available()).isTrue();
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(TestApp.database().username());
        config.setPassword(TestApp.database().password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(250);
        // Start without a connection: the refused one must fail in the probe, not here.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}

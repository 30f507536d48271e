package org.madoguchi.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;

/**
 * A running embedded PostgreSQL and how the application connects to it: as {@link ApplicationRole#NAME}, never as
 * the superuser. The password is held only in memory here and in its owner-only file; toString leaves it out.
 */
public final class EmbeddedDatabase implements Closeable {

    private final EmbeddedPostgres server;
    private final String password;

    EmbeddedDatabase(EmbeddedPostgres server, String password) {
        this.server = server;
        this.password = password;
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    public String username() {
        return ApplicationRole.NAME;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase[" + jdbcUrl() + " as " + username() + "]";
    }
}

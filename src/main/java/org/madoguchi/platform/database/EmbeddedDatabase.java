package org.madoguchi.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running embedded PostgreSQL and how the application connects to it: as {@link ApplicationRole#NAME}, never as
 * the superuser. The password is held only in memory here and in its owner-only file; toString leaves it out.
 *
 * <p>The server can be started again after it died ({@link #restart()}): on the same data directory, so crash
 * recovery replays every committed transaction, and on the same port, so the connection pool's URL stays valid.
 */
public final class EmbeddedDatabase implements Closeable {

    /** Starts a server on the given port; the same code as the first start, passwords and access included. */
    interface Launcher {
        EmbeddedPostgres launch(int port) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final String password;
    private final Launcher launcher;
    private EmbeddedPostgres server;
    private boolean closed;

    EmbeddedDatabase(Path dataDir, EmbeddedPostgres server, String password, Launcher launcher) {
        this.dataDir = dataDir;
        this.server = server;
        this.port = server.getPort();
        this.password = password;
        this.launcher = launcher;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String username() {
        return ApplicationRole.NAME;
    }

    public String password() {
        return password;
    }

    /** The postmaster's process id as PostgreSQL records it in its data directory; empty while none is recorded. */
    public OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            // Missing, or caught half-written during a start: nothing to tell yet.
            return OptionalLong.empty();
        }
    }

    /** Whether the postmaster recorded in the data directory is a live process (not gone, not a zombie). */
    boolean postmasterAlive() {
        OptionalLong pid = postmasterPid();
        if (pid.isEmpty()) {
            return false;
        }
        boolean alive = ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
        return alive && !zombie(pid.getAsLong());
    }

    /** A killed postmaster whose parent does not reap it (PID 1 in a container) stays as a zombie. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux) or the process just went: isAlive has answered already.
            return false;
        }
    }

    /**
     * Stops what is left of the server and starts it again on the same data directory and port. Synchronized with
     * {@link #close()}: a shutdown waits for a restart under way and then stops the new server.
     */
    synchronized void restart() throws IOException {
        if (closed) {
            return;
        }
        // Releases the library's lock on the data directory; stopping a dead postmaster only logs that it failed.
        server.close();
        // A start that failed half-way leaves the library's lock file locked by this JVM; a new file is free again.
        Files.deleteIfExists(dataDir.resolve("epg-lock"));
        server = launcher.launch(port);
    }

    /**
     * Stops the server and returns once its postmaster has exited. The library waits only 5 s for the stop; a
     * shutdown checkpoint after crash recovery can take longer on a busy machine, and a next start on the same
     * data directory (an application restarted at once) would find it still running and fail.
     */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        OptionalLong pid = postmasterPid();
        server.close();
        if (pid.isPresent()) {
            awaitExit(pid.getAsLong(), STOP_WAIT);
        }
    }

    private void awaitExit(long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (postmasterPid().equals(OptionalLong.of(pid)) && postmasterAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (postmasterAlive()) {
            log.warn("The embedded PostgreSQL server (process {}) is still shutting down after {} s", pid,
                    limit.toSeconds());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase[" + jdbcUrl() + " as " + username() + "]";
    }
}

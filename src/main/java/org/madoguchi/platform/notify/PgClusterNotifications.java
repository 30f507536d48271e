package org.madoguchi.platform.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.madoguchi.platform.ClusterNotifications;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One listening connection per node, on its own thread; reconnects with back-off if the database goes away. */
@Component
class PgClusterNotifications implements ClusterNotifications, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PgClusterNotifications.class);

    private static final long MAX_BACKOFF_MS = 2_000;

    private record Subscription(Consumer<String> listener, Runnable onResync) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Map<String, List<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    PgClusterNotifications(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @Override
    public void subscribe(String channel, Consumer<String> listener, Runnable onResync) {
        requireChannelName(channel);
        subscriptions.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>())
                .add(new Subscription(listener, onResync));
    }

    @Override
    public void send(String channel, String payload) {
        requireChannelName(channel);
        jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", channel).param("payload", payload)
                .query((rs, n) -> 1).list();
    }

    private static void requireChannelName(String channel) {
        if (!channel.matches("[a-z_]{1,48}")) {
            throw new IllegalArgumentException("channel names are lower-case identifiers");
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listenLoop, "pg-listen");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        closeQuietly();
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Below the web server's: listening starts before requests are served and stops only after the web server has
     * stopped, so that what requests in flight commit during a graceful shutdown still reaches this node's
     * subscribers (the call-notification mails, the public status), instead of being missed for good.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    private void listenLoop() {
        long backoff = 250;
        boolean firstConnection = true;
        while (running) {
            try {
                connect();
                if (!firstConnection) {
                    // Anything committed while we were away was not delivered: subscribers reload.
                    subscriptions.values().forEach(list -> list.forEach(s -> safely(s.onResync())));
                }
                firstConnection = false;
                backoff = 250;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        for (Subscription s : subscriptions.getOrDefault(n.getName(), List.of())) {
                            safely(() -> s.listener().accept(n.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("Lost the notification connection ({}); reconnecting in {} ms", e.getMessage(), backoff);
                closeQuietly();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                // Short cap: a restarted database is back within seconds, and live screens wait for this reconnect.
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        closeQuietly();
    }

    private void connect() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (String channel : subscriptions.keySet()) {
                statement.execute("LISTEN " + channel);
            }
        }
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try (c; Statement statement = c.createStatement()) {
                // The connection goes back to the pool: it must not keep collecting notifications there.
                statement.execute("UNLISTEN *");
            } catch (SQLException ignored) {
                // Already broken; nothing more to release.
            }
        }
    }

    private static void safely(Runnable runnable) {
        try {
            runnable.run();
        } catch (RuntimeException e) {
            log.warn("A notification subscriber failed", e);
        }
    }
}

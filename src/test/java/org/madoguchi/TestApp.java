package org.madoguchi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.madoguchi.platform.database.EmbeddedDatabase;
import org.madoguchi.platform.database.EmbeddedDatabaseConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application as the tests see it: one embedded PostgreSQL per test JVM, and one shared running
 * application on a random port. Tests that need more (a second node, a crash and restart) start their own
 * instances with {@link #start(Map)}.
 */
public final class TestApp {

    public static final String ADMIN_PASSWORD = "kanrisha-test-password-1";
    /** What the first administrator starts with; as on a real installation it must be changed first. */
    public static final String INITIAL_ADMIN_PASSWORD = "test-initial-admin-password";

    private static EmbeddedDatabase database;
    private static TestApp shared;

    private final ConfigurableApplicationContext context;

    private TestApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The JVM's PostgreSQL; speed over durability here, the restart test starts a durable one of its own. */
    public static synchronized EmbeddedDatabase database() {
        if (database == null) {
            try {
                // The generated password files go beside the data directory: inside the temporary one.
                Path dir = Files.createTempDirectory("madoguchi-test-pg").resolve("pg");
                database = EmbeddedDatabaseConfiguration.start(
                        new EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties(dir.toString(), 0, false, 40));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                } catch (IOException ignored) {
                    // The JVM is going away.
                }
            }));
        }
        return database;
    }

    public static synchronized TestApp shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Starts another application instance; by default on the JVM's shared database, or on the one given. */
    public static TestApp start(Map<String, Object> overrides) {
        return start(overrides, null);
    }

    /**
     * Starts an instance whose application clock is {@code clock} (the platform's {@link Clock} bean gives way to
     * it), e.g. a real clock set to the middle of the night; null keeps the system clock.
     */
    public static TestApp start(Map<String, Object> overrides, Clock clock) {
        Map<String, Object> properties = new HashMap<>();
        if (!overrides.containsKey("madoguchi.embedded-db.data-dir") && !overrides.containsKey("spring.datasource.url")) {
            // As the application's own role, not the superuser, like the embedded default.
            properties.put("spring.datasource.url", database().jdbcUrl());
            properties.put("spring.datasource.username", database().username());
            properties.put("spring.datasource.password", database().password());
        }
        properties.put("server.port", "0");
        properties.put("madoguchi.admin.initial-password", INITIAL_ADMIN_PASSWORD);
        properties.put("madoguchi.reception.auto-close-day", "false");
        // Tests run at any wall-clock time (nights, weekends): screens ignore the office hours unless a test that
        // sets its own clock turns them on (OpeningStateScreensTest).
        properties.put("madoguchi.reception.opening-hours", "false");
        // Several instances run in one JVM (and a developer's own may be running): no fixed ports.
        properties.put("madoguchi.liveinfo.stream-port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.madoguchi", "INFO");
        properties.putAll(overrides);
        // Command-line arguments outrank application.yml, unlike default properties.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(MadoguchiApplication.class);
        if (clock != null) {
            builder.initializers(c -> c.getBeanFactory().registerSingleton("testClock", clock));
        }
        ConfigurableApplicationContext context = builder.run(args);
        TestApp app = new TestApp(context);
        if (INITIAL_ADMIN_PASSWORD.equals(properties.get("madoguchi.admin.initial-password"))) {
            app.replaceInitialAdminPassword();
        }
        return app;
    }

    /** On a fresh database the administrator first replaces the initial password, as the README asks. */
    private void replaceInitialAdminPassword() {
        boolean mustChange = jdbc().sql("SELECT must_change_password FROM platform.staff WHERE login = 'admin'")
                .query(Boolean.class).optional().orElse(false);
        if (mustChange) {
            Http.Response changed = new Http(this).basic("admin", INITIAL_ADMIN_PASSWORD).post("/api/v1/staff/me/password",
                    Http.json(Map.of("currentPassword", INITIAL_ADMIN_PASSWORD, "newPassword", ADMIN_PASSWORD)));
            if (changed.status() != 204) {
                throw new IllegalStateException("could not set the test administrator's password: " + changed.body());
            }
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public JdbcClient jdbc() {
        return bean(JdbcClient.class);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    public void close() {
        context.close();
    }

    /** Registers a device (KIOSK or DISPLAY) for the office as the administrator would; returns its token. */
    public String device(String kind, String officeId) {
        return new Http(this).admin().post("/api/v1/admin/devices", Http.json(java.util.Map.of(
                "name", kind + " " + java.util.UUID.randomUUID(), "kind", kind, "officeId", officeId)))
                .json().path("token").asString();
    }

    /**
     * Empties tickets, visits, events, closings and counter sign-ins; the floor configuration stays. The application's
     * own readers (ingestion, live status) may hold a table the TRUNCATE needs next, and PostgreSQL then picks the
     * TRUNCATE as the deadlock victim: it is simply tried again.
     */
    public void resetReception() {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc().sql("""
                        TRUNCATE reception.visit_procedure, reception.visit, reception.ticket, reception.ticket_number,
                                 reception.event, reception.day_closing""").update();
                break;
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        jdbc().sql("UPDATE reception.counter SET open_staff_id = NULL, opened_at = NULL").update();
    }
}

package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.forms.FormFields;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import tools.jackson.databind.JsonNode;

/**
 * A backup restored into an empty data directory brings back every ticket, account and pre-entry (the pre-entry
 * still opens with the same key ring), and nothing that should have been purged by the time of the restore.
 * Lives beside the pre-entry fixture, which makes entries through the module's own service.
 */
class BackupRestoreTest {

    private static final Actor STAFF = Actor.staff(6001, Actor.Role.MANAGER, Set.of());
    private static final String MARKER = "復元確認用　職員表示名";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String PASSWORD = "backup-restore-password-1";

    @Test
    void aBackupRestoresIntoAnEmptyDataDirectory(@TempDir Path dir) throws Exception {
        TestApp source = TestApp.start(instance(dir, "source", Map.of()));
        List<Map<String, Object>> tickets;
        UUID preentry;
        Path file;
        try {
            ReceptionService reception = source.bean(ReceptionService.class);
            for (int i = 0; i < 5; i++) {
                issue(reception);
            }
            Http.Response created = new Http(source).admin().post("/api/v1/admin/staff", Http.json(Map.of(
                    "mustChangePassword", false, "login", "backup-check", "displayName", MARKER, "password", PASSWORD,
                    "role", "STAFF", "departments", List.of("koseki-jumin"))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            preentry = PreentryFixture.finishedMoveIn(source, null).entry().id();
            tickets = tickets(source);

            Http.Response taken = new Http(source).admin().post("/api/v1/admin/backups", "{}");
            assertThat(taken.status()).as(taken.body()).isEqualTo(201);
            JsonNode manifest = taken.json();
            assertThat(manifest.path("flywayVersion").asString()).isNotBlank();
            assertThat(manifest.path("appVersion").asString()).isEqualTo("0.1.0-SNAPSHOT");
            assertThat(rows(manifest, "reception", "ticket")).isEqualTo(5);
            assertThat(rows(manifest, "preentry", "entry")).isEqualTo(1);

            JsonNode listed = new Http(source).admin().get("/api/v1/admin/backups").json();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("flywayVersion").asString()).isEqualTo(manifest.path("flywayVersion").asString());
            assertThat(new Http(source).basic("backup-check", PASSWORD).get("/api/v1/admin/backups").status())
                    .as("administrators only").isEqualTo(403);
            file = dir.resolve("backups").resolve(listed.get(0).path("name").asString());
            assertThat(listed.get(0).path("size").asLong()).isEqualTo(Files.size(file));
        } finally {
            source.close();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] content = Files.readAllBytes(file);
        assertThat(indexOf(content, MARKER.getBytes(StandardCharsets.UTF_8))).as("no plaintext in the backup").isEqualTo(-1);
        assertThat(indexOf(content, "backup-check".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);

        TestApp restored = TestApp.start(instance(dir, "restored", Map.of("madoguchi.backup.restore", file.toString())));
        try {
            assertThat(tickets(restored)).isEqualTo(tickets);
            assertThat(new Http(restored).basic("backup-check", PASSWORD).get("/api/v1/staff/me").status()).isEqualTo(200);
            Preentries.Entry entry = restored.bean(Preentries.class).byId(preentry).orElseThrow();
            assertThat(entry.draft().values()).containsEntry(FormFields.NAME, PreentryFixture.NAME);
            assertThat(entry.completedAt()).isNotNull();
            // The sequences continue after the restored rows.
            int next = issue(restored.bean(ReceptionService.class));
            assertThat(next).isGreaterThan(tickets.stream().mapToInt(t -> ((Number) t.get("number")).intValue()).max().orElseThrow());
        } finally {
            restored.close();
        }

        assertThatThrownBy(() -> TestApp.start(instance(dir, "restored", Map.of("madoguchi.backup.restore", file.toString()))))
                .as("a database with tables is refused").hasStackTraceContaining("refuses a database that already has tables");
    }

    @Test
    void dataPastItsRetentionIsPurgedRightAfterTheRestore(@TempDir Path dir) throws Exception {
        TestApp source = TestApp.start(instance(dir, "source", Map.of("madoguchi.backup.keep", "2")));
        UUID expired;
        UUID current;
        Path file;
        try {
            expired = PreentryFixture.finishedMoveIn(source, null).entry().id();
            current = PreentryFixture.finishedMoveIn(source, null).entry().id();
            // As if the backup had been taken eight days ago: its 7 days are over by the time it is restored.
            source.jdbc().sql("UPDATE preentry.entry SET expires_at = ? WHERE id = ?")
                    .params(Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS)), expired).update();
            subscription(source, LocalDate.now(TOKYO).minusDays(3), Instant.now().minus(2, ChronoUnit.DAYS));
            subscription(source, LocalDate.now(TOKYO), Instant.now().plus(8, ChronoUnit.HOURS));
            for (int i = 0; i < 3; i++) {
                assertThat(new Http(source).admin().post("/api/v1/admin/backups", "{}").status()).isEqualTo(201);
            }
            JsonNode listed = new Http(source).admin().get("/api/v1/admin/backups").json();
            assertThat(listed).as("keep: 2").hasSize(2);
            try (var files = Files.list(dir.resolve("backups"))) {
                assertThat(files).hasSize(2);
            }
            assertThat(listed.get(0).path("createdAt").asString()).isGreaterThan(listed.get(1).path("createdAt").asString());
            file = dir.resolve("backups").resolve(listed.get(0).path("name").asString());
        } finally {
            source.close();
        }

        // The documented command, in a process of its own: restore, purge, stop.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.madoguchi.MadoguchiApplication"));
        Map<String, Object> arguments = new HashMap<>(instance(dir, "restored", Map.of(
                "madoguchi.backup.restore", file.toString(), "madoguchi.backup.restore-exit", "true",
                "server.port", "0", "madoguchi.liveinfo.stream-port", "0", "madoguchi.reception.auto-close-day", "false")));
        arguments.forEach((name, value) -> command.add("--" + name + "=" + value));
        Process restore = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("restore.log").toFile()).start();
        assertThat(restore.waitFor(180, TimeUnit.SECONDS)).as("the restore stops by itself").isTrue();
        assertThat(restore.exitValue()).as(Files.readString(dir.resolve("restore.log"))).isZero();
        assertThat(Files.readString(dir.resolve("restore.log"))).contains("Restored backup " + file.getFileName())
                .contains("After restore: 2 rows past their retention deleted");

        TestApp restored = TestApp.start(instance(dir, "restored", Map.of()));
        try {
            assertThat(restored.jdbc().sql("SELECT id FROM preentry.entry").query(UUID.class).list()).containsExactly(current);
            assertThat(restored.jdbc().sql("SELECT service_date FROM liveinfo.mail_subscription").query(LocalDate.class).list())
                    .containsExactly(LocalDate.now(TOKYO));
        } finally {
            restored.close();
        }
    }

    /** Two installations sharing the key files, as one whose database is restored keeps its keys. */
    private static Map<String, Object> instance(Path dir, String name, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("madoguchi.embedded-db.data-dir", dir.resolve(name).resolve("pg").toString());
        properties.put("madoguchi.embedded-db.durable", "false");
        properties.put("madoguchi.admin.password-file", dir.resolve(name).resolve("pw.txt").toString());
        properties.put("madoguchi.backup.directory", dir.resolve("backups").toString());
        properties.put("madoguchi.backup.key-file", dir.resolve("keys/backup-key.txt").toString());
        properties.put("madoguchi.preentry.key-file", dir.resolve("keys/preentry-key.txt").toString());
        properties.put("madoguchi.security.code-hash-key-file", dir.resolve("keys/code-hash-key.txt").toString());
        properties.putAll(extra);
        return properties;
    }

    private static int issue(ReceptionService reception) {
        return reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), STAFF).ticket().number();
    }

    private static List<Map<String, Object>> tickets(TestApp app) {
        return app.jdbc().sql("SELECT id, number, service_date, status FROM reception.ticket ORDER BY id")
                .query().listOfRows();
    }

    private static long rows(JsonNode manifest, String schema, String table) {
        for (JsonNode t : manifest.path("tables")) {
            if (t.path("schema").asString().equals(schema) && t.path("name").asString().equals(table)) {
                return t.path("rows").asLong();
            }
        }
        throw new AssertionError("no table " + schema + "." + table + " in the manifest");
    }

    /** A mail registration as the service stores it; the sealed values are opaque bytes here. */
    private static void subscription(TestApp app, LocalDate day, Instant expires) {
        UUID id = UUID.randomUUID();
        app.jdbc().sql("""
                        INSERT INTO liveinfo.mail_subscription (id, office_id, service_date, ticket_number, ticket_token_hash,
                            unsubscribe_hash, key_id, address_nonce, address_sealed, secrets_nonce, secrets_sealed,
                            notify_ahead5, notify_ahead3, notify_called, created_at, updated_at, expires_at)
                        VALUES (?, 'honcho', ?, 1, ?, ?, 'k', ?, ?, ?, ?, true, true, true, now(), now(), ?)""")
                .params(id, day, "t" + id, "u" + id, new byte[12], new byte[16], new byte[12], new byte[16],
                        Timestamp.from(expires)).update();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

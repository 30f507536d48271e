package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;

/**
 * The application runs its own durable PostgreSQL; the database is killed (SIGKILL, no shutdown) while
 * tickets are being issued and served. After a restart every acknowledged ticket and transition is there
 * and numbering continues without reusing a number.
 */
class CrashRestartTest {

    private static final Actor STAFF = Actor.staff(6001, Actor.Role.MANAGER, Set.of());

    @Test
    void acknowledgedWorkSurvivesAKilledDatabase(@TempDir Path dir) throws Exception {
        Map<String, Object> properties = Map.of(
                "madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.embedded-db.durable", "true",
                "madoguchi.admin.password-file", dir.resolve("pw.txt").toString());
        TestApp first = TestApp.start(properties);
        List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<Long> completedVisits = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread load;
        try {
            ReceptionService reception = first.bean(ReceptionService.class);
            reception.openCounter("honcho-1", STAFF);
            for (int i = 0; i < 20; i++) {
                acknowledged.add(issue(reception));
            }
            for (int i = 0; i < 5; i++) {
                long visitId = reception.callNext("honcho-1", STAFF).orElseThrow().id();
                reception.complete(visitId, STAFF);
                completedVisits.add(visitId);
            }
            // Keep issuing while the database dies underneath.
            load = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        acknowledged.add(issue(reception));
                    } catch (RuntimeException databaseGone) {
                        return;
                    }
                }
            });
            load.start();
            Thread.sleep(300);
            long pid = Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            postmaster.destroyForcibly();
            postmaster.onExit().get(10, TimeUnit.SECONDS);
            load.join(10_000);
        } finally {
            stop.set(true);
            first.close();
        }
        assertThat(acknowledged.size()).isGreaterThan(20);

        TestApp second = TestApp.start(properties);
        try {
            List<Integer> stored = second.jdbc().sql("SELECT number FROM reception.ticket ORDER BY number")
                    .query(Integer.class).list();
            assertThat(stored).containsAll(acknowledged);
            long completedEvents = second.jdbc().sql("""
                            SELECT count(*) FROM reception.event WHERE type = 'COMPLETED' AND visit_id IN (:ids)""")
                    .param("ids", completedVisits).query(Long.class).single();
            assertThat(completedEvents).isEqualTo(completedVisits.size());
            long issuedEvents = second.jdbc().sql("SELECT count(*) FROM reception.event WHERE type = 'ISSUED'")
                    .query(Long.class).single();
            assertThat(issuedEvents).isEqualTo(stored.size());

            int next = issue(second.bean(ReceptionService.class));
            assertThat(next).isGreaterThan(stored.stream().mapToInt(Integer::intValue).max().orElseThrow());
            assertThat(stored).doesNotContain(next);
        } finally {
            second.close();
        }
    }

    private static int issue(ReceptionService reception) {
        return reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), STAFF).ticket().number();
    }
}

package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/**
 * The export streams: with 200,000 rows, a client that has read only the beginning holds the server mid-export
 * (transaction still open) while the heap has grown by far less than the rows would take if collected.
 */
class VisitExportStreamingTest {

    private static final int ROWS = 200_000;
    private static final long MAX_HEAP_GROWTH = 64L * 1024 * 1024;

    private final TestApp app = TestApp.shared();
    private final Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);

    @BeforeAll
    static void accounts() {
        StatisticsApiTest.accounts();
    }

    @AfterEach
    void clean() {
        Facts.clear(app);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private boolean exportStillRunning() {
        return app.jdbc().sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%/* visit-export */%' "
                + "AND state <> 'idle' AND pid <> pg_backend_pid()").query(Long.class).single() > 0;
    }

    @Test
    void twoHundredThousandRowsInFlatMemory() throws Exception {
        Facts.clear(app);
        // Spread over a year, several departments and counters, with procedures: like a real fiscal year.
        app.jdbc().sql("""
                INSERT INTO statistics.visit_fact (source, source_id, office_id, department_id, counter_id, service_date,
                    ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at, ended_at, recall_count,
                    ever_absent, outcome, procedure_ids)
                SELECT 'generated', 'stream-' || n, 'honcho', (ARRAY['koseki-jumin', 'kokuho-nenkin', 'kaigo'])[1 + n % 3],
                       'honcho-' || (1 + n % 8), d, n % 900 + 1, 1, t, t, t + interval '5 minutes',
                       t + interval '12 minutes', t + interval '12 minutes', n % 2, n % 17 = 0, 'COMPLETED',
                       CASE WHEN n % 2 = 0 THEN ARRAY['p-' || (n % 5)] ELSE '{}' END
                FROM generate_series(1, :rows) n,
                     LATERAL (SELECT DATE '2024-04-01' + (n % 365) AS d) day,
                     LATERAL (SELECT (day.d + time '09:00' + (n % 480) * interval '1 minute') AT TIME ZONE 'Asia/Tokyo' AS t) at""")
                .param("rows", ROWS).update();

        long before = usedHeapAfterGc();
        HttpClient client = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(manager.request(
                "/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        // Streamed, not buffered: no length known in advance.
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 1000; i++) {
                assertThat(reader.readLine()).isNotNull();
                lines++;
            }
            // The client pauses: the server must be blocked mid-export, its cursor open, holding little memory.
            Thread.sleep(500);
            assertThat(exportStillRunning()).as("export still in progress while the client pauses").isTrue();
            long during = usedHeapAfterGc();
            System.out.printf("Visit export heap: before %d MB, while paused mid-export %d MB%n", before >> 20, during >> 20);
            assertThat(during - before).as("heap growth while %d rows are being exported", ROWS).isLessThan(MAX_HEAP_GROWTH);
            while (reader.readLine() != null) {
                lines++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9 - 0.5;
        assertThat(lines).isEqualTo(ROWS + 1L);
        System.out.printf("Visit export: %d rows in %.2f s = %.0f rows/s (including a 0.5 s pause subtracted)%n",
                ROWS, seconds, ROWS / seconds);
        // Once read to the end the export is over.
        Thread.sleep(200);
        assertThat(exportStillRunning()).isFalse();
    }
}

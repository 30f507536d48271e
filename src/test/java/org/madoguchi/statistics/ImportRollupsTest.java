package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/**
 * The legacy import writes the rollups of its rows itself (ImportRollups) instead of the trigger: the rows it writes
 * must be exactly those a rebuild from the facts gives, for new days, for days that already had visits, and when it
 * gives up keeping the waits and recomputes from the facts.
 */
class ImportRollupsTest {

    private static final String HEADER = "受付番号,課,窓口,発券時刻,呼出時刻,完了時刻,不在\r\n";
    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    private static final String[] DEPARTMENTS = {"koseki-jumin", "kokuho-nenkin", "kosodate"};
    private static final String[] COUNTERS = {"honcho-1", "honcho-2", "honcho-11", ""};

    private final TestApp app = TestApp.shared();
    private final Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);

    @BeforeAll
    static void accounts() {
        StatisticsApiTest.accounts();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        Facts.clear(app);
    }

    /** Waits, services, absences, cancellations, several counters and hours from early morning to late evening. */
    private static String file(long seed, LocalDate first, int days, int rows) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            LocalDateTime issued = first.plusDays(random.nextInt(days)).atTime(6, 50).plusSeconds(random.nextInt(15 * 3600));
            String department = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
            String counter = COUNTERS[random.nextInt(COUNTERS.length)];
            int kind = random.nextInt(10);
            LocalDateTime called = issued.plusSeconds(random.nextInt(2400));
            LocalDateTime completed = called.plusSeconds(30 + random.nextInt(1500));
            text.append(i + 1).append(',').append(department).append(',').append(kind == 0 ? "" : counter).append(',')
                    .append(F.format(issued)).append(',')
                    .append(kind == 0 ? "" : F.format(called)).append(',')
                    .append(kind <= 1 ? "" : F.format(completed)).append(',')
                    .append(kind == 1 ? "1" : "").append("\r\n");
        }
        return text.toString();
    }

    private void importFile(String text, long expectedNew) {
        Http.Response response = LegacyImportTest.upload(manager, "/api/v1/statistics/import",
                LegacyImportTest.utf8Bom(text), Map.of("office", "honcho"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("imported").asLong()).isEqualTo(expectedNew);
    }

    /** Every rollup row, as PostgreSQL prints it (arrays and doubles included), in a fixed order. */
    private List<String> rollups() {
        return app.jdbc().sql("""
                SELECT 'day ' || r::text FROM statistics.rollup_day r
                UNION ALL SELECT 'hour ' || r::text FROM statistics.rollup_hour r
                UNION ALL SELECT 'procedure ' || r::text FROM statistics.rollup_procedure r
                ORDER BY 1""").query(String.class).list();
    }

    private void assertEqualToARebuild() {
        List<String> written = rollups();
        app.bean(StatisticsRollups.class).rebuild();
        assertThat(written).isNotEmpty().containsExactlyElementsOf(rollups());
    }

    @Test
    void theImportWritesTheRowsARebuildWouldForNewDays() {
        importFile(file(1, LocalDate.of(2031, 3, 30), 4, 3_000), 3_000);
        assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.rollup_day").query(Long.class).single()).isEqualTo(12);
        assertEqualToARebuild();
    }

    @Test
    void daysThatAlreadyHadVisitsAreRecomputedFromTheFacts() {
        Facts.visit(app, "koseki-jumin", "honcho-1", "2031-04-01", 2, "09:00:00", "09:20:00", "09:30:00", "09:40:00", 0,
                false, "COMPLETED");
        importFile(file(2, LocalDate.of(2031, 4, 1), 2, 800), 800);
        assertEqualToARebuild();
        // A second file adding lines to the same days.
        importFile(file(3, LocalDate.of(2031, 4, 1), 2, 500).replaceAll("(?m)^(\\d+),", "9$1,"), 500);
        assertEqualToARebuild();
    }

    @Test
    void whenTooManyWaitsAreKeptTheDaysAreRecomputedFromTheFacts() throws Exception {
        capped(3, ImportRollups.MAX_HOURS);
    }

    @Test
    void whenTooManyHoursAreKeptTheDaysAreRecomputedFromTheFacts() throws Exception {
        capped(ImportRollups.MAX_WAITS, 2);
    }

    /** Ten visits every 20 minutes from 09:20 (four hours), written with the trigger skipped, then the rollups. */
    private void capped(int maxWaits, int maxHours) throws Exception {
        DataSource dataSource = app.bean(DataSource.class);
        LocalDate day = LocalDate.of(2031, 5, 12);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var s = connection.createStatement()) {
                s.execute(ImportRollups.SKIP_TRIGGER);
                s.execute("""
                        INSERT INTO statistics.visit_fact (source, source_id, office_id, department_id, counter_id,
                            service_date, ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at,
                            ended_at, outcome)
                        SELECT 'import', 'cap-' || n, 'honcho', 'kosodate', 'honcho-11', DATE '2031-05-12', n, 1,
                            TIMESTAMPTZ '2031-05-12 09:00:00+09' + n * interval '20 minutes',
                            TIMESTAMPTZ '2031-05-12 09:00:00+09' + n * interval '20 minutes',
                            TIMESTAMPTZ '2031-05-12 09:00:00+09' + n * interval '20 minutes' + n * interval '30 seconds',
                            TIMESTAMPTZ '2031-05-12 09:05:00+09' + n * interval '20 minutes' + n * interval '30 seconds',
                            TIMESTAMPTZ '2031-05-12 09:05:00+09' + n * interval '20 minutes' + n * interval '30 seconds',
                            'COMPLETED'
                        FROM generate_series(1, 10) n""");
                s.execute(ImportRollups.RESTORE_TRIGGER);
            }
            // The trigger was told to skip: nothing yet.
            assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.rollup_day").query(Long.class).single()).isZero();
            ImportRollups rollups = new ImportRollups(ZoneId.of("Asia/Tokyo"), maxWaits, maxHours);
            long start = day.atTime(9, 0).atZone(ZoneId.of("Asia/Tokyo")).toEpochSecond();
            for (int n = 1; n <= 10; n++) {
                long issued = start + n * 1200L;
                rollups.add("kosodate", "honcho-11", day, issued, issued + n * 30L, issued + n * 30L + 300, false, true);
            }
            assertThat(rollups.gaveUp()).as("a limit was passed").isTrue();
            rollups.write(connection, "honcho");
            connection.commit();
        }
        assertThat(app.jdbc().sql("SELECT visits FROM statistics.rollup_day").query(Integer.class).single()).isEqualTo(10);
        assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.rollup_hour").query(Long.class).single()).isEqualTo(4);
        assertEqualToARebuild();
    }
}

package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;

/**
 * The visit export's binary path (raw columns, formatted in Java) against the text path (PostgreSQL writes the
 * CSV): both must give the same bytes, on rows chosen to hit every formatting rule and on random rows.
 */
class VisitCsvRowsTest {

    private final TestApp app = TestApp.shared();
    private final VisitExport export = app.bean(VisitExport.class);
    private int next;

    @AfterEach
    void clean() {
        Facts.clear(app);
    }

    @Test
    void binaryPathWritesTheSameBytesAsTheTextPath() {
        Facts.clear(app);
        // Midnight local (15:00 UTC the day before), the last microsecond of a day (truncated, not rounded), and a
        // wait of 2.5 s (rounded half to even by PostgreSQL's round(double): 2).
        row("koseki-jumin", "honcho-1", "2024-04-01", 1, 1, "2024-03-31T15:00:00Z", "2024-03-31T15:00:00Z",
                "2024-03-31T15:00:02.5Z", "2024-04-01T14:59:59.999999Z", 0, false, "COMPLETED", "{tennyu,juminhyo}");
        // Nulls everywhere they are allowed; an empty procedure list.
        row("kokuho-nenkin", null, "2024-04-02", null, 2, "2024-04-02T00:00:00Z", null, null, null, 0, false,
                "CANCELLED", "{}");
        // Ids no longer on the floor, written raw: a comma, quotes, a line break, an empty counter id.
        row("dept,\"quoted\"", "", "2024-04-03", 7, 3, "2024-04-03T01:00:00Z", "2024-04-03T01:00:00Z",
                "2024-04-03T01:10:00.4999Z", null, 3, true, "DROPPED", "{\"a,b\",\"x\ny\",kokuho-kanyu}");
        row("kosodate", "窓口\r\n2", "2024-04-04", 99999, 1, "2024-04-04T08:00:00Z", "2024-04-04T08:00:00Z",
                "2024-04-04T08:00:00.5Z", "2024-04-04T08:00:01.5Z", 12, true, "UNSERVED", "{\"\"}");
        // The years the generated history covers, and Japan's summer time of 1950 (the zone's rules, not +9 fixed).
        row("choju", "honcho-2", "2015-04-01", 3, 1, "2015-03-31T23:30:00Z", "2015-03-31T23:30:00Z",
                "2015-03-31T23:59:59.999Z", "2015-04-01T00:10:00Z", 0, false, "COMPLETED", "{jido-teate}");
        row("choju", "honcho-2", "1950-07-01", 4, 1, "1950-06-30T23:30:00Z", "1950-06-30T23:30:00Z",
                "1950-07-01T00:00:00Z", null, 0, false, "DROPPED", "{}");
        Random random = new Random(20231);
        String[] departments = {"koseki-jumin", "kokuho-nenkin", "kosodate", "choju", "kaigo", "unknown-課"};
        String[] counters = {"honcho-1", "honcho-11", null, "仮設〜窓口−2", "\"x\""};
        String[] outcomes = {"COMPLETED", "DROPPED", "CANCELLED", "UNSERVED"};
        String[] procedures = {"{}", "{tennyu}", "{tennyu,tenshutsu,juminhyo}", "{koseki-shomei,unknown}"};
        for (int i = 0; i < 2_000; i++) {
            LocalDate day = LocalDate.of(2023, 4, 1).plusDays(random.nextInt(400));
            OffsetDateTime issued = day.atStartOfDay().atOffset(java.time.ZoneOffset.ofHours(9))
                    .plusSeconds(random.nextInt(86_400)).plusNanos(random.nextInt(1_000_000) * 1_000L);
            OffsetDateTime arrived = random.nextInt(10) == 0 ? null : issued.plusSeconds(random.nextInt(600));
            OffsetDateTime called = arrived == null || random.nextInt(10) == 0 ? null
                    : arrived.plusNanos(random.nextLong(3_600_000_000_000L) / 1_000 * 1_000);
            OffsetDateTime completed = called == null || random.nextBoolean() ? null
                    : called.plusNanos(random.nextLong(1_800_000_000_000L) / 1_000 * 1_000);
            row(departments[random.nextInt(departments.length)], counters[random.nextInt(counters.length)],
                    day.toString(), random.nextInt(20) == 0 ? null : random.nextInt(1_000), 1 + random.nextInt(3),
                    issued.toString(), arrived == null ? null : arrived.toString(),
                    called == null ? null : called.toString(), completed == null ? null : completed.toString(),
                    random.nextInt(3), random.nextBoolean(), outcomes[random.nextInt(outcomes.length)],
                    procedures[random.nextInt(procedures.length)]);
        }

        String binary = csv(LocalDate.of(1950, 1, 1), LocalDate.of(2024, 12, 31), ExportEncoding.UTF_8,
                VisitExport.Path.BINARY);
        String text = csv(LocalDate.of(1950, 1, 1), LocalDate.of(2024, 12, 31), ExportEncoding.UTF_8,
                VisitExport.Path.TEXT);
        assertThat(binary.split("\r\n", -1)).hasSizeGreaterThan(2_006);
        assertThat(binary).isEqualTo(text);
        // Spot checks that the reference itself says what the export promises.
        assertThat(binary).contains("\r\n1," + name("koseki-jumin") + ",");
        assertThat(binary).contains(",2024/04/01,1,2024/04/01 00:00:00,2024/04/01 00:00:00,2024/04/01 00:00:02,"
                + "2024/04/01 23:59:59,2,86397,0,,完了,");
        assertThat(binary).contains("\"dept,\"\"quoted\"\"\",\"\",2024/04/03,3,");
        assertThat(binary).contains(",,2024/04/02,2,2024/04/02 09:00:00,,,,,,0,,取消,\r\n");
        assertThat(binary).contains(",\"a,b、x\ny、");
        assertThat(binary).contains("1950/07/01 09:30:00"); // +10:00 in the summer of 1950

        // windows-31j on the rows it can hold (the last counter has 〜 and −, mapped; no other unencodable text).
        Facts.clear(app);
        row("koseki-jumin", "仮設〜窓口−2", "2024-05-01", 1, 1, "2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z",
                "2024-05-01T00:01:00Z", "2024-05-01T00:02:00Z", 0, true, "COMPLETED", "{tennyu,juminhyo}");
        row("kosodate", null, "2024-05-01", 2, 1, "2024-05-01T01:00:00Z", null, null, null, 0, false, "CANCELLED", "{}");
        byte[] sjisBinary = bytes(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 1), ExportEncoding.WINDOWS_31J,
                VisitExport.Path.BINARY);
        byte[] sjisText = bytes(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 1), ExportEncoding.WINDOWS_31J,
                VisitExport.Path.TEXT);
        assertThat(sjisBinary).isEqualTo(sjisText);
        assertThat(new String(sjisBinary, java.nio.charset.Charset.forName("windows-31j"))).contains("仮設～窓口－2")
                .startsWith("受付番号,課,");
    }

    private String name(String department) {
        return app.jdbc().sql("SELECT name_ja FROM reception.department WHERE id = :id").param("id", department)
                .query(String.class).single();
    }

    private String csv(LocalDate from, LocalDate to, ExportEncoding encoding, VisitExport.Path path) {
        return new String(bytes(from, to, encoding, path), StandardCharsets.UTF_8);
    }

    private byte[] bytes(LocalDate from, LocalDate to, ExportEncoding encoding, VisitExport.Path path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.export(new VisitExport.Request(from, to, null, null, null, encoding), () -> { }, () -> out, path);
        return out.toByteArray();
    }

    private void row(String department, String counter, String date, Integer number, int seq, String issued,
                     String arrived, String called, String completed, int recalls, boolean absent, String outcome,
                     String procedures) {
        String end = completed != null ? completed : called != null ? called : arrived != null ? arrived : issued;
        app.jdbc().sql("""
                        INSERT INTO statistics.visit_fact (source, source_id, office_id, department_id, counter_id,
                            service_date, ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at, ended_at,
                            recall_count, ever_absent, outcome, procedure_ids)
                        VALUES ('generated', :id, 'honcho', :d, :c, CAST(:date AS date), :n, :seq,
                            CAST(:issued AS timestamptz), CAST(:arrived AS timestamptz), CAST(:called AS timestamptz),
                            CAST(:completed AS timestamptz), CAST(:ended AS timestamptz), :recalls, :absent, :outcome,
                            CAST(:procedures AS text[]))""")
                .param("id", "csv-rows-" + (++next)).param("d", department).param("c", counter).param("date", date)
                .param("n", number).param("seq", seq).param("issued", issued).param("arrived", arrived)
                .param("called", called).param("completed", completed).param("ended", end).param("recalls", recalls)
                .param("absent", absent).param("outcome", outcome).param("procedures", procedures).update();
    }
}

package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** Import of legacy reception logs over real HTTP (multipart), checked in statistics.visit_fact. */
class LegacyImportTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String HEADER = "受付番号,課,窓口,発券時刻,呼出時刻,完了時刻,不在\r\n";

    private final TestApp app = TestApp.shared();
    private final Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    private final Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    private String kosekiName;

    @BeforeAll
    static void accounts() {
        StatisticsApiTest.accounts();
    }

    @BeforeEach
    void clean() {
        app.jdbc().sql("DELETE FROM statistics.visit_fact WHERE source = 'import'").update();
        kosekiName = app.jdbc().sql("SELECT name_ja FROM reception.department WHERE id = 'koseki-jumin'")
                .query(String.class).single();
    }

    @AfterEach
    void cleanAfter() {
        app.jdbc().sql("DELETE FROM statistics.visit_fact WHERE source = 'import'").update();
    }

    private String goodFile() {
        return HEADER
                + "1," + kosekiName + ",honcho-1,2024/04/01 09:00:00,2024/04/01 09:05:00,2024/04/01 09:12:30,\r\n"
                + "2,kokuho-nenkin,,2024-04-01 09:01:00,2024-04-01 09:20:00,2024-04-01 09:30:00,0\r\n"
                + "3," + kosekiName + ",,2024/4/1 9:02,2024/4/1 9:30,,○\r\n"
                + "4," + kosekiName + ",,2024/4/1 9:03,,,\r\n";
    }

    static Http.Response upload(Http who, String path, byte[] file, Map<String, String> fields) {
        String boundary = "----madoguchi-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"log.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = who.request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return who.send(request);
    }

    static byte[] utf8Bom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private long imported() {
        return app.jdbc().sql("SELECT count(*) FROM statistics.visit_fact WHERE source = 'import'").query(Long.class).single();
    }

    private static OffsetDateTime tokyo(String iso) {
        return LocalDateTime.parse(iso).atZone(TOKYO).toOffsetDateTime();
    }

    @Test
    void goodUtf8FileWithBomIsImportedOnceWithTheRightTimesAndDepartments() {
        Http.Response first = upload(manager, "/api/v1/statistics/import", utf8Bom(goodFile()), Map.of("office", "honcho"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode result = first.json();
        assertThat(result.get("read").asLong()).isEqualTo(4);
        assertThat(result.get("imported").asLong()).isEqualTo(4);
        assertThat(result.get("alreadyPresent").asLong()).isZero();

        Map<String, Object> row = app.jdbc().sql("""
                SELECT department_id, counter_id, service_date::text AS day, ticket_number, issued_at, first_called_at,
                    completed_at, outcome, wait_seconds, service_seconds, office_id
                FROM statistics.visit_fact WHERE source = 'import' AND ticket_number = 1""").query().singleRow();
        assertThat(row.get("department_id")).isEqualTo("koseki-jumin");
        assertThat(row.get("counter_id")).isEqualTo("honcho-1");
        assertThat(row.get("office_id")).isEqualTo("honcho");
        assertThat(row.get("day")).isEqualTo("2024-04-01");
        assertThat(((java.sql.Timestamp) row.get("issued_at")).toInstant()).isEqualTo(tokyo("2024-04-01T09:00:00").toInstant());
        assertThat(((Number) row.get("wait_seconds")).doubleValue()).isEqualTo(300.0);
        assertThat(((Number) row.get("service_seconds")).doubleValue()).isEqualTo(450.0);
        assertThat(row.get("outcome")).isEqualTo("COMPLETED");
        assertThat(app.jdbc().sql("SELECT department_id FROM statistics.visit_fact WHERE source = 'import' AND ticket_number = 2")
                .query(String.class).single()).isEqualTo("kokuho-nenkin");
        Map<String, Object> absent = app.jdbc().sql("SELECT outcome, ever_absent, completed_at, wait_seconds FROM statistics.visit_fact "
                + "WHERE source = 'import' AND ticket_number = 3").query().singleRow();
        assertThat(absent.get("outcome")).isEqualTo("DROPPED");
        assertThat(absent.get("ever_absent")).isEqualTo(true);
        assertThat(((Number) absent.get("wait_seconds")).doubleValue()).isEqualTo(28 * 60.0);
        assertThat(app.jdbc().sql("SELECT outcome FROM statistics.visit_fact WHERE source = 'import' AND ticket_number = 4")
                .query(String.class).single()).isEqualTo("CANCELLED");

        // The same rows again, from a differently named path and with a line added: nothing twice.
        String more = goodFile() + "5," + kosekiName + ",,2024/04/02 10:00:00,2024/04/02 10:01:00,2024/04/02 10:02:00,\r\n";
        Http.Response again = upload(manager, "/statistics/import.json", utf8Bom(more), Map.of("office", "honcho"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("imported").asLong()).isEqualTo(1);
        assertThat(again.json().get("alreadyPresent").asLong()).isEqualTo(4);
        assertThat(imported()).isEqualTo(5);
    }

    @Test
    void windows31jFileWithOwnHeaderNamesAndServiceDate() {
        String text = "番号,担当課,窓口番号,業務日,発券,呼出,終了\r\n"
                + "101," + kosekiName + ",honcho-2,2023/10/02,8:45,8:50,9:00\r\n"
                + "102,国保年金課〜,,2023/10/02,9:00,9:10,9:20\r\n";
        Map<String, String> mapping = Map.of("office", "honcho", "encoding", "windows-31j", "ticketNumber", "番号",
                "department", "担当課", "counter", "窓口番号", "serviceDate", "業務日", "issuedAt", "発券", "calledAt", "呼出",
                "completedAt", "終了");
        byte[] sjis = ExportEncoding.toWindows31j(text).getBytes(Charset.forName("windows-31j"));
        Http.Response refused = upload(manager, "/api/v1/statistics/import", sjis, mapping);
        // 国保年金課〜 is not a department: the whole file is refused, line 3 named.
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("rejected").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(refused.json().get("rejected").get(0).get("reason").asString()).contains("国保年金課～").contains("登録されていません");
        assertThat(imported()).isZero();

        byte[] fixed = text.replace("国保年金課〜", "kokuho-nenkin").getBytes(Charset.forName("windows-31j"));
        Http.Response ok = upload(manager, "/api/v1/statistics/import", fixed, mapping);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("imported").asLong()).isEqualTo(2);
        Map<String, Object> row = app.jdbc().sql("SELECT counter_id, service_date::text AS day, issued_at, wait_seconds "
                + "FROM statistics.visit_fact WHERE source = 'import' AND ticket_number = 101").query().singleRow();
        assertThat(row.get("counter_id")).isEqualTo("honcho-2");
        assertThat(row.get("day")).isEqualTo("2023-10-02");
        assertThat(((java.sql.Timestamp) row.get("issued_at")).toInstant()).isEqualTo(tokyo("2023-10-02T08:45:00").toInstant());
        assertThat(((Number) row.get("wait_seconds")).doubleValue()).isEqualTo(300.0);
    }

    @Test
    void brokenFileIsRefusedWithEveryLineAndReasonAndNothingImported() {
        String text = HEADER
                + "1," + kosekiName + ",,2024/04/01 09:00:00,2024/04/01 09:05:00,2024/04/01 09:10:00,\r\n"
                + "2," + kosekiName + ",,2024/13/01 09:00:00,2024/04/01 09:05:00,2024/04/01 09:10:00,\r\n"
                + "3,住民課,,2024/04/01 09:00:00,2024/04/01 09:05:00,2024/04/01 09:10:00,\r\n"
                + "4," + kosekiName + ",,2024/04/01 09:00:00,2024/04/01 09:05:00,2024/04/01 09:04:00,\r\n"
                + "5," + kosekiName + ",,2024/04/01 09:00:00,2024/04/01 08:55:00,2024/04/01 09:10:00,\r\n"
                + "6," + kosekiName + ",窓口Z,2024/04/01 09:00:00,2024/04/01 09:05:00,2024/04/01 09:10:00,\r\n"
                + "1," + kosekiName + ",,2024/04/01 09:00:00,2024/04/01 09:06:00,2024/04/01 09:11:00,\r\n"
                + "8," + kosekiName + "\r\n";
        Http.Response dry = upload(manager, "/api/v1/statistics/import?dryRun=true", utf8Bom(text), Map.of("office", "honcho"));
        Http.Response response = upload(manager, "/api/v1/statistics/import", utf8Bom(text), Map.of("office", "honcho"));
        for (Http.Response r : List.of(dry, response)) {
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            JsonNode rejected = r.json().get("rejected");
            assertThat(r.json().get("rejectedTotal").asLong()).isEqualTo(7);
            assertThat(java.util.stream.StreamSupport.stream(rejected.spliterator(), false).map(n -> n.get("line").asString()).toList()).containsExactly("3", "4", "5", "6", "7", "8", "9");
            assertThat(rejected.get(0).get("reason").asString()).contains("発券時刻「2024/13/01 09:00:00」を日時として読めません");
            assertThat(rejected.get(1).get("reason").asString()).contains("課「住民課」はこの庁舎に登録されていません");
            assertThat(rejected.get(2).get("reason").asString()).contains("完了時刻").contains("呼出時刻").contains("より前です");
            assertThat(rejected.get(3).get("reason").asString()).contains("呼出時刻").contains("発券時刻").contains("より前です");
            assertThat(rejected.get(4).get("reason").asString()).contains("窓口「窓口Z」");
            assertThat(rejected.get(5).get("reason").asString()).contains("2 行目と同じ受付").contains("重複");
            assertThat(rejected.get(6).get("reason").asString()).contains("列が足りません");
        }
        assertThat(dry.json().get("dryRun").asBoolean()).isTrue();
        assertThat(imported()).isZero();
    }

    @Test
    void aFileWhoseOnlyFaultIsARepeatedLineIsRefusedWithThatLineAndLeavesNothing() {
        // Every line is valid on its own, so only the database's key sees the repeat (line 6 = line 3).
        String text = goodFile() + "1," + kosekiName + ",honcho-1,2024/04/01 09:00:00,2024/04/01 09:05:00,2024/04/01 09:12:30,\r\n";
        String rollups = "SELECT count(*) || '/' || coalesce(sum(visits), 0) FROM statistics.rollup_day WHERE service_date = DATE '2024-04-01'";
        String before = app.jdbc().sql(rollups).query(String.class).single();
        Http.Response response = upload(manager, "/api/v1/statistics/import", utf8Bom(text), Map.of("office", "honcho"));
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("rejectedTotal").asLong()).isEqualTo(1);
        assertThat(response.json().get("rejected").get(0).get("line").asLong()).isEqualTo(6);
        assertThat(response.json().get("rejected").get(0).get("reason").asString()).contains("2 行目と同じ受付");
        assertThat(imported()).isZero();
        assertThat(app.jdbc().sql(rollups).query(String.class).single()).isEqualTo(before);
    }

    @Test
    void missingColumnRefusesTheFileAndDryRunOfAGoodFileImportsNothing() {
        String text = "受付番号,課,発券時刻,呼出時刻\r\n1," + kosekiName + ",2024/04/01 09:00:00,2024/04/01 09:05:00\r\n";
        Http.Response response = upload(manager, "/api/v1/statistics/import", utf8Bom(text), Map.of("office", "honcho"));
        assertThat(response.status()).as(response.body()).isBetween(400, 422);
        assertThat(response.body()).contains("列「完了時刻」がありません");
        assertThat(imported()).isZero();

        Http.Response dry = upload(manager, "/api/v1/statistics/import", utf8Bom(goodFile()),
                Map.of("office", "honcho", "dryRun", "true"));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("valid").asLong()).isEqualTo(4);
        assertThat(dry.json().get("imported").asLong()).isZero();
        assertThat(imported()).isZero();
    }

    @Test
    void onlyManagersImportAndThePageShowsTheReport() {
        Http.Response refused = upload(staff, "/api/v1/statistics/import", utf8Bom(goodFile()), Map.of("office", "honcho"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(new Http(app).get("/api/v1/statistics/import").status()).isIn(401, 403, 405);
        assertThat(staff.get("/statistics/import").status()).isEqualTo(403);
        assertThat(imported()).isZero();

        Http.Response page = manager.get("/statistics/import");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("過去の受付記録の取り込み").contains("value=\"発券時刻\"").contains("enctype=\"multipart/form-data\"");
        Http.Response report = upload(manager, "/statistics/import",
                utf8Bom(HEADER + "1,住民課,,2024/04/01 09:00:00,,,\r\n"), Map.of("office", "honcho"));
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("何も取り込んでいません").contains("課「住民課」はこの庁舎に登録されていません");
    }

    @Test
    void hundredThousandRowsPerSecondMeasured() {
        StringBuilder text = new StringBuilder(HEADER);
        LocalDateTime start = LocalDateTime.of(2019, 4, 1, 8, 30);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            LocalDateTime issued = start.plusDays(i / 400).plusSeconds((i % 400) * 60L);
            text.append(i % 400 + 1).append(',').append(i % 2 == 0 ? kosekiName : "kokuho-nenkin").append(",,")
                    .append(f.format(issued)).append(',').append(f.format(issued.plusMinutes(7))).append(',')
                    .append(f.format(issued.plusMinutes(15))).append(",\r\n");
        }
        byte[] file = utf8Bom(text.toString());
        long started = System.nanoTime();
        Http.Response response = upload(manager, "/statistics/import.json", file, Map.of("office", "honcho"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("imported").asLong()).isEqualTo(rows);
        System.out.printf("Legacy import: %d rows (%.1f MB) in %.2f s over HTTP = %.0f rows/s; server %d ms = %.0f rows/s%n",
                rows, file.length / 1e6, seconds, rows / seconds, response.json().get("millis").asLong(),
                rows * 1000.0 / Math.max(1, response.json().get("millis").asLong()));
        assertThat(imported()).isEqualTo(rows);
    }
}

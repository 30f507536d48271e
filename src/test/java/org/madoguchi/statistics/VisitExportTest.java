package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** CSV export of visits over real HTTP, read back with an independent decoder and FastCSV's reader. */
class VisitExportTest {

    private static final Charset SJIS = Charset.forName("windows-31j");
    private static final List<String> HEADER = List.of("受付番号", "課", "窓口", "業務日", "手順", "発券時刻", "到着時刻",
            "呼出時刻", "完了時刻", "待ち時間（秒）", "処理時間（秒）", "再呼出回数", "不在", "結果", "手続");

    private final TestApp app = TestApp.shared();
    private final Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    private final Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    private final HttpClient client = HttpClient.newHttpClient();
    private String procedureId;
    private String procedureName;

    @BeforeAll
    static void accounts() {
        StatisticsApiTest.accounts();
    }

    @BeforeEach
    void data() {
        Facts.clear(app);
        Map<String, Object> procedure = app.jdbc().sql("SELECT id, name_ja FROM reception.procedure "
                + "WHERE department_id = 'koseki-jumin' ORDER BY id LIMIT 1").query().singleRow();
        procedureId = (String) procedure.get("id");
        procedureName = (String) procedure.get("name_ja");
        // Fiscal 2024: a completed visit with a recall, a handed-over one, an absent one; one outside the period.
        insert("a", "koseki-jumin", "honcho-1", "2024-04-01", 12, 1, "09:00:00", "09:00:00", "09:02:00", "09:07:30", 1,
                false, "COMPLETED", procedureId);
        insert("b", "kokuho-nenkin", "honcho-11", "2024-04-01", 12, 2, "09:00:00", "09:10:00", "09:15:00", "09:20:00", 0,
                false, "COMPLETED");
        insert("c", "koseki-jumin", null, "2025-03-31", 7, 1, "16:00:00", "16:00:00", "16:10:00", null, 0, true, "DROPPED");
        insert("d", "koseki-jumin", "honcho-1", "2025-04-01", 1, 1, "09:00:00", "09:00:00", "09:01:00", "09:02:00", 0,
                false, "COMPLETED");
        // A counter no longer on the floor keeps its raw id, with the JIS traps 〜 and − in it.
        insert("e", "koseki-jumin", "仮設〜窓口−2", "2024-06-03", 30, 1, "10:00:00", "10:00:00", "10:00:45", "10:05:00",
                0, false, "COMPLETED");
    }

    @AfterEach
    void clean() {
        Facts.clear(app);
    }

    private void insert(String id, String department, String counter, String date, int number, int seq, String issued,
                        String arrived, String called, String completed, int recalls, boolean absent, String outcome,
                        String... procedures) {
        LocalDate day = LocalDate.parse(date);
        String end = completed != null ? completed : called;
        app.jdbc().sql("""
                        INSERT INTO statistics.visit_fact (source, source_id, office_id, department_id, counter_id,
                            service_date, ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at, ended_at,
                            recall_count, ever_absent, outcome, procedure_ids)
                        VALUES ('generated', :id, 'honcho', :d, :c, :date, :n, :seq, :issued, :arrived, :called,
                            :completed, :ended, :recalls, :absent, :outcome, string_to_array(:procedures, ','))""")
                .param("id", "export-" + id).param("d", department).param("c", counter).param("date", day)
                .param("n", number).param("seq", seq).param("issued", Facts.at(day, issued))
                .param("arrived", Facts.at(day, arrived)).param("called", Facts.at(day, called))
                .param("completed", Facts.at(day, completed)).param("ended", Facts.at(day, end))
                .param("recalls", recalls).param("absent", absent).param("outcome", outcome)
                .param("procedures", String.join(",", procedures)).update();
    }

    private HttpResponse<byte[]> bytes(Http who, String path) {
        try {
            return client.send(who.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Strict decoding: a byte sequence that is not valid in the charset fails the test instead of becoming U+FFFD. */
    private static String decode(byte[] body, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    private static List<List<String>> records(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (CsvRecord r : CsvReader.builder().ofCsvRecord(text)) {
            rows.add(r.getFields());
        }
        return rows;
    }

    @Test
    void utf8WithByteOrderMarkAndCrlf() throws Exception {
        HttpResponse<byte[]> response = bytes(manager, "/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("utf-8");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        byte[] body = response.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = decode(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF受付番号,課,窓口,");
        // Every line ends with CRLF, none with a bare LF.
        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<List<String>> rows = records(text.substring(1));
        assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
        // Ordered by service date, then department id (kokuho-nenkin before koseki-jumin).
        assertThat(rows).hasSize(5); // header + 4 visits of fiscal 2024; 2025-04-01 is outside
        assertThat(rows.get(2)).containsExactly("12", "戸籍住民課", "1番窓口", "2024/04/01", "1", "2024/04/01 09:00:00",
                "2024/04/01 09:00:00", "2024/04/01 09:02:00", "2024/04/01 09:07:30", "120", "330", "1", "", "完了",
                procedureName);
        assertThat(rows.get(1)).containsExactly("12", "国保年金課", "11番窓口", "2024/04/01", "2", "2024/04/01 09:00:00",
                "2024/04/01 09:10:00", "2024/04/01 09:15:00", "2024/04/01 09:20:00", "300", "300", "0", "", "完了", "");
        assertThat(rows.get(3)).containsExactly("30", "戸籍住民課", "仮設〜窓口−2", "2024/06/03", "1", "2024/06/03 10:00:00",
                "2024/06/03 10:00:00", "2024/06/03 10:00:45", "2024/06/03 10:05:00", "45", "255", "0", "", "完了", "");
        assertThat(rows.get(4)).containsExactly("7", "戸籍住民課", "", "2025/03/31", "1", "2025/03/31 16:00:00",
                "2025/03/31 16:00:00", "2025/03/31 16:10:00", "", "600", "", "0", "あり", "不在のため終了", "");

        // Filters: one department, one counter.
        String koseki = decode(bytes(manager, "/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31"
                + "&department=koseki-jumin&encoding=utf-8").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(records(koseki.substring(1))).hasSize(4).extracting(r -> r.get(1)).containsOnly("課", "戸籍住民課");
        String counter = decode(bytes(manager, "/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31"
                + "&office=honcho&counter=honcho-11").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(records(counter.substring(1))).hasSize(2);
    }

    @Test
    void windows31jMapsTheJisTraps() throws Exception {
        HttpResponse<byte[]> response = bytes(manager,
                "/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31&encoding=windows-31j");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).containsIgnoringCase("windows-31j");
        byte[] body = response.body();
        assertThat(body[0]).isNotEqualTo((byte) 0xEF); // no BOM in Shift_JIS
        String text = decode(body, SJIS);
        assertThat(text).doesNotContain("?");
        List<List<String>> rows = records(text);
        assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
        assertThat(rows).hasSize(5);
        // 〜 (U+301C) → ～ (U+FF5E), − (U+2212) → － (U+FF0D): the characters Excel on Windows shows for them.
        assertThat(rows.get(3).get(2)).isEqualTo("仮設\uFF5E窓口\uFF0D2");
        assertThat(rows.get(2)).containsExactly("12", "戸籍住民課", "1番窓口", "2024/04/01", "1", "2024/04/01 09:00:00",
                "2024/04/01 09:00:00", "2024/04/01 09:02:00", "2024/04/01 09:07:30", "120", "330", "1", "", "完了",
                procedureName);
        assertThat(text).contains("\r\n").doesNotContain("\n\n");
    }

    @Test
    void charactersWindows31jCannotHoldAreReportedNotReplaced() throws Exception {
        insert("f", "koseki-jumin", "honcho-2", "2024-05-07", 3, 1, "11:00:00", "11:00:00", "11:03:00", "11:10:00", 0,
                false, "COMPLETED", procedureId, "𠮷田さま専用");
        insert("g", "koseki-jumin", "窓口😀", "2024-05-08", 4, 1, "11:00:00", "11:00:00", "11:03:00", "11:10:00", 0,
                false, "COMPLETED");
        Http.Response refused = manager.get("/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31&encoding=windows-31j");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).contains("problem+json");
        String detail = refused.json().path("detail").asString();
        // Order of the export: 04-01 (2 rows), 05-07, 05-08, 06-03, 03-31 → lines 4 and 5 after the header.
        assertThat(detail).contains("𠮷（U+20BB7）").contains("😀（U+1F600）").contains("該当する行：4、5 行目")
                .contains("全 2 行").contains("UTF-8");
        // UTF-8 holds them as they are.
        String utf8 = decode(bytes(manager, "/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31").body(),
                java.nio.charset.StandardCharsets.UTF_8);
        List<List<String>> rows = records(utf8.substring(1));
        assertThat(rows.get(3).get(14)).isEqualTo(procedureName + "、𠮷田さま専用");
        assertThat(rows.get(4).get(2)).isEqualTo("窓口😀");
        // A period without them exports fine in windows-31j.
        assertThat(bytes(manager, "/api/v1/statistics/export/visits.csv?from=2024-06-01&to=2025-03-31&encoding=windows-31j")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void onlyManagersExport() {
        String path = "/api/v1/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31";
        Http.Response refused = staff.get(path);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asString()).contains("管理者と所属長のみ");
        assertThat(new Http(app).get(path).status()).isEqualTo(401);
        assertThat(staff.get("/statistics/export").status()).isEqualTo(403);
        assertThat(new Http(app).admin().get(path).status()).isEqualTo(200);
    }

    @Test
    void badInputIsExplainedInJapanese() {
        Map<String, String> cases = Map.of(
                "from=2025-03-31&to=2024-04-01", "終了日が開始日より前",
                "from=2020-04-01&to=2025-03-31", "最長 3 年",
                "from=2024/04/01&to=2025-03-31", "2024-04-01 の形式",
                "to=2025-03-31", "開始日を指定",
                "from=2024-04-01&to=2025-03-31&office=nowhere", "庁舎「nowhere」は登録されていません",
                "from=2024-04-01&to=2025-03-31&department=nowhere", "課「nowhere」は登録されていません",
                "from=2024-04-01&to=2025-03-31&counter=nowhere", "窓口「nowhere」は登録されていません",
                "from=2024-04-01&to=2025-03-31&encoding=euc-jp", "utf-8 または windows-31j");
        cases.forEach((query, message) -> {
            Http.Response response = manager.get("/api/v1/statistics/export/visits.csv?" + query);
            assertThat(response.status()).as(query).isEqualTo(422);
            assertThat(response.contentType()).as(query).contains("problem+json");
            assertThat(response.json().path("detail").asString()).as(query).contains(message);
        });
        // From the form (outside /api): a Japanese page, not JSON.
        Http.Response page = manager.get("/statistics/export/visits.csv?from=2025-03-31&to=2024-04-01&encoding=utf-8");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("終了日が開始日より前");
    }

    @Test
    void theFormWorksWithoutJavaScript() throws Exception {
        Http.Response page = manager.get("/statistics/export");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"get\" action=\"/statistics/export/visits.csv\"")
                .contains("name=\"from\"").contains("name=\"to\"").contains("name=\"department\"")
                .contains("value=\"koseki-jumin\"").contains("value=\"windows-31j\"").doesNotContain("<script>");
        // What the form submits.
        HttpResponse<byte[]> csv = bytes(manager, "/statistics/export/visits.csv?from=2024-04-01&to=2025-03-31"
                + "&department=kokuho-nenkin&encoding=windows-31j");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(records(decode(csv.body(), SJIS))).hasSize(2);
    }
}

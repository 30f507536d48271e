package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** The statistics API: managers only; the audit's tables as JSON and as Excel-ready CSV. */
class StatisticsApiTest {

    static final String PASSWORD = "statistics-password-1";
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static boolean created;

    private final TestApp app = TestApp.shared();
    private final Http anonymous = new Http(app);
    private final Http manager = anonymous.basic("stats-manager-" + SUFFIX, PASSWORD);
    private final Http staff = anonymous.basic("stats-staff-" + SUFFIX, PASSWORD);

    @BeforeAll
    static synchronized void accounts() {
        if (created) {
            return;
        }
        created = true;
        Http admin = new Http(TestApp.shared()).admin();
        for (String role : List.of("MANAGER", "STAFF")) {
            Http.Response created = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login",
                    "stats-" + role.toLowerCase() + "-" + SUFFIX, "displayName", "統計 " + role, "password", PASSWORD,
                    "role", role, "departments", role.equals("STAFF") ? List.of("koseki-jumin") : List.of())));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    @BeforeEach
    void data() {
        Facts.clear(app);
        Facts.standard(app);
    }

    @Test
    void onlyManagersAndAdministratorsSeeStatistics() {
        for (String path : List.of("/api/v1/statistics/audit/table3?fy=2023", "/api/v1/statistics/audit/table4-1?fy=2023",
                "/api/v1/statistics/audit/table3.csv?fy=2023", "/api/v1/statistics/audit/table4-1.csv?fy=2023",
                "/api/v1/statistics/measures?from=2023-04-01&to=2024-03-31")) {
            assertThat(staff.get(path).status()).as(path).isEqualTo(403);
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
            assertThat(manager.get(path).status()).as(path).isEqualTo(200);
            assertThat(anonymous.admin().get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(staff.get("/api/v1/statistics/audit/table3?fy=2023").json().path("detail").asString())
                .contains("管理者と所属長のみ");
    }

    @Test
    void tablesAsJson() {
        var t3 = manager.get("/api/v1/statistics/audit/table3?fy=2024&years=3").json();
        assertThat(t3.path("columnTotals").toString()).isEqualTo("[1,5,1]");
        assertThat(t3.path("total").asLong()).isEqualTo(7);
        var t41 = manager.get("/api/v1/statistics/audit/table4-1?fy=2023").json();
        assertThat(t41.path("rows").get(0).path("average").asString()).isEqualTo("5 分 15 秒");
        assertThat(t41.path("rows").get(0).path("longest").path("monthLabel").asString()).isEqualTo("R6.3");
        var measures = manager.get("/api/v1/statistics/measures?from=2023-04-01&to=2024-03-31&groupBy=fiscal-year&department=koseki-jumin").json();
        assertThat(measures.get(0).path("waiting").path("median").asDouble()).isEqualTo(270.0);
        Http.Response bad = manager.get("/api/v1/statistics/measures?from=2024-04-01&to=2023-04-01");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("detail").asString()).contains("終了日が開始日より前");
        assertThat(manager.get("/api/v1/statistics/measures?from=2023-04-01&to=2024-03-31&groupBy=year").status()).isEqualTo(422);
        assertThat(manager.get("/api/v1/statistics/audit/table3?fy=2023&years=30").status()).isEqualTo(422);
    }

    @Test
    void csvIsUtf8WithBomAndCrlfAndReadsBack() {
        Http.Response response = manager.get("/api/v1/statistics/audit/table3.csv?fy=2024&years=3");
        assertThat(response.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(response.header("Content-Disposition")).startsWith("attachment").contains("filename*=UTF-8''");
        String body = response.body();
        assertThat(body).startsWith("\uFEFF区分,");
        // Every line ends with CRLF, and there is no bare LF.
        assertThat(body).endsWith("\r\n");
        assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<String> lines = List.of(body.substring(1).split("\r\n"));
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("区分,R4（2022年度）,R5（2023年度）,R6（2024年度）,合計");
        assertThat(lines.get(1)).isEqualTo("戸籍住民課,1,3,1,5");
        assertThat(lines.get(7)).isEqualTo("合計,1,5,1,7");

        List<CsvRecord> records = CsvReader.builder().ofCsvRecord(manager.get("/api/v1/statistics/audit/table4-1.csv?fy=2023")
                .body().substring(1)).stream().toList();
        assertThat(records.get(0).getFields()).startsWith("区分", "平均待ち時間", "最短待ち時間", "最短の月");
        assertThat(records.get(1).getFields()).containsExactly("戸籍住民課", "5 分 15 秒", "3 分 40 秒", "R5.8",
                "10 分 0 秒", "R6.3", "315", "220", "600");
        assertThat(records.get(2).getFields()).containsExactly("長寿社会推進課", "", "", "", "", "", "", "", "");
        assertThat(records).hasSize(7);
    }
}

package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** 月次報告: generated from hand-made facts, stored, listed, opened as a page and as CSV; managers only. */
class MonthlyReportsTest {

    private final TestApp app = TestApp.shared();
    private final MonthlyReports reports = app.bean(MonthlyReports.class);
    private final Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    private final Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);

    @BeforeEach
    void data() {
        StatisticsApiTest.accounts();
        Facts.clear(app);
        app.jdbc().sql("DELETE FROM statistics.monthly_report").update();
        Facts.standard(app);
        // The same month a year earlier: one 戸籍住民課 visit waiting 60 s.
        Facts.visit(app, "koseki-jumin", "honcho-1", "2022-08-05", 1, "09:00:00", "09:00:00", "09:01:00", "09:05:00", 0, false, "COMPLETED");
    }

    @AfterEach
    void clean() {
        Facts.clear(app);
        app.jdbc().sql("DELETE FROM statistics.monthly_report").update();
    }

    @Test
    void aMonthsReportPerDepartmentWithPageAndCsv() {
        Map<String, MonthlyReports.Entry> entries = reports.generate("honcho", YearMonth.of(2023, 8)).stream()
                .collect(Collectors.toMap(MonthlyReports.Entry::departmentId, e -> e));
        assertThat(entries).containsKeys("koseki-jumin", "kokuho-nenkin", "kosodate");
        // 2023-08-10: waits 120, 240, 300 s → 220 s = 3.7 min.
        assertThat(entries.get("koseki-jumin").visits()).isEqualTo(3);
        assertThat(entries.get("koseki-jumin").averageWaitMinutes()).isEqualTo(3.7);
        assertThat(entries.get("kokuho-nenkin").visits()).isZero();

        String page = reports.content("honcho", "koseki-jumin", YearMonth.of(2023, 8), false).orElseThrow();
        assertThat(page).contains("戸籍住民課", "月次報告", "2023年8月（R5.8）", "8月10日", "前年同月");
        assertThat(page).contains("受付件数は +200.0%");

        String csv = reports.content("honcho", "koseki-jumin", YearMonth.of(2023, 8), true).orElseThrow();
        assertThat(csv).startsWith("\uFEFF業務日,曜日,受付件数");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n");
        List<List<String>> rows = new ArrayList<>();
        for (CsvRecord r : CsvReader.builder().ofCsvRecord(csv.substring(1))) {
            rows.add(r.getFields());
        }
        assertThat(rows).hasSize(3);
        // Tickets issued: the two first steps; services 300, 600, 300 s → 6.7 min; p90 of 120, 240, 300 → 288 s.
        assertThat(rows.get(1)).containsExactly("8月10日", "木", "3", "2", "3", "0", "3.7", "4.8", "5.0", "6.7");
        assertThat(rows.get(2).get(0)).isEqualTo("合計");
        assertThat(rows.get(2).get(2)).isEqualTo("3");

        // Regenerating replaces, never duplicates.
        reports.generate("honcho", YearMonth.of(2023, 8));
        assertThat(app.jdbc().sql("SELECT count(*) FROM statistics.monthly_report WHERE department_id = 'koseki-jumin'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theScheduledRunMakesThePreviousMonth() {
        reports.monthly();
        YearMonth previous = YearMonth.now(ZoneId.of("Asia/Tokyo")).minusMonths(1);
        assertThat(reports.list("honcho", 100)).isNotEmpty().allSatisfy(e -> assertThat(e.month()).isEqualTo(previous));
    }

    @Test
    void listedOpenedAndDownloadedByManagersOnly() {
        Http.Response generated = manager.post("/api/v1/statistics/reports?month=2023-08&office=honcho", "");
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        assertThat(staff.get("/statistics/reports").status()).isEqualTo(403);
        assertThat(staff.get("/statistics/reports/honcho/koseki-jumin/2023-08").status()).isEqualTo(403);
        assertThat(staff.post("/api/v1/statistics/reports?month=2023-08", "").status()).isEqualTo(403);

        String list = manager.get("/statistics/reports").body();
        assertThat(list).contains("報告を開く<span class=\"visually-hidden\">：戸籍住民課 2023年8月</span>", "/statistics/reports/honcho/koseki-jumin/2023-08.csv");
        Http.Response page = manager.get("/statistics/reports/honcho/koseki-jumin/2023-08");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).contains("text/html");
        assertThat(page.body()).contains("8月10日");
        Http.Response csv = manager.get("/statistics/reports/honcho/koseki-jumin/2023-08.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).contains("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");

        assertThat(manager.get("/statistics/reports/honcho/koseki-jumin/2019-01").status()).isEqualTo(404);
        Http.Response future = manager.post("/api/v1/statistics/reports?month=2999-01", "");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().path("detail").asString()).contains("これから先の月");
        assertThat(manager.post("/api/v1/statistics/reports?month=2023-13", "").status()).isEqualTo(422);

        // The dashboard links the latest month's reports.
        assertThat(manager.get("/statistics?fy=2023").body()).contains("最新の月次報告", "/statistics/reports/honcho/koseki-jumin/2023-08");
    }
}

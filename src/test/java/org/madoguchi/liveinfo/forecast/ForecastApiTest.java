package org.madoguchi.liveinfo.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.reception.IssueHistory;
import tools.jackson.databind.JsonNode;

/** The JSON API and the page over HTTP: the standard pattern, learnt history, closed days and bad input. */
class ForecastApiTest {

    private static TestApp app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = ForecastApp.get();
        app.resetReception();
        app.bean(ForecastService.class).refresh();
        http = new Http(app);
    }

    @AfterAll
    static void clean() {
        app.resetReception();
        app.bean(ForecastService.class).refresh();
    }

    private static JsonNode day(JsonNode body, String date) {
        return StreamSupport.stream(body.path("days").spliterator(), false)
                .filter(d -> d.path("date").asString().equals(date)).findFirst().orElseThrow();
    }

    @Test
    void aFreshInstallShowsTheStandardPatternWithClosedDays() {
        Http.Response r = http.get("/api/v1/public/offices/honcho/forecast?department=koseki-jumin&month=2026-11");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("basis").asString()).isEqualTo("STANDARD");
        assertThat(body.path("departmentName").asString()).isEqualTo("戸籍住民課");
        assertThat(body.path("days")).hasSize(30);
        JsonNode labour = day(body, "2026-11-23");
        assertThat(labour.path("open").asBoolean()).isFalse();
        assertThat(labour.path("closure").asString()).isEqualTo("HOLIDAY");
        assertThat(labour.path("holidayName").asString()).isEqualTo("勤労感謝の日");
        assertThat(labour.path("label").asString()).isEqualTo("閉庁日");
        assertThat(day(body, "2026-11-28").path("closure").asString()).isEqualTo("SATURDAY");
        JsonNode tuesday = day(body, "2026-11-24");
        assertThat(tuesday.path("open").asBoolean()).isTrue();
        // Roughly the audit's 240,533 a year over 243 days (≈990), shaped by November and Tuesday.
        assertThat(tuesday.path("expected").asInt()).isBetween(700, 1300);
        assertThat(List.of("空いています", "やや混雑", "混雑", "大変混雑")).contains(tuesday.path("label").asString());
    }

    @Test
    void theYearEndIsClosedAndADayHasItsHours() {
        Http.Response r = http.get("/api/v1/public/offices/honcho/forecast?department=kokuho-nenkin&day=2026-12-01");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("month").asString()).isEqualTo("2026-12");
        assertThat(day(body, "2026-12-29").path("closure").asString()).isEqualTo("YEAR_END");
        assertThat(day(body, "2026-12-28").path("open").asBoolean()).isTrue();
        JsonNode hours = body.path("hours");
        assertThat(hours).hasSize(10);
        assertThat(hours.get(0).path("from").asString()).isEqualTo("08:30");
        assertThat(hours.get(9).path("to").asString()).isEqualTo("17:15");
        double total = StreamSupport.stream(hours.spliterator(), false).mapToDouble(h -> h.path("expected").asDouble()).sum();
        assertThat(total).isCloseTo(day(body, "2026-12-01").path("expected").asDouble(), org.assertj.core.data.Offset.offset(2.0));
        // 赤塚支所 closes at 17:00, so its last hour is 16:00-17:00.
        JsonNode akatsuka = http.get("/api/v1/public/offices/akatsuka/forecast?day=2026-12-01").json();
        assertThat(akatsuka.path("departmentId").asString()).isEqualTo("akatsuka-madoguchi");
        assertThat(akatsuka.path("hours").get(akatsuka.path("hours").size() - 1).path("to").asString()).isEqualTo("17:00");
    }

    @Test
    void badInputIsRefusedInJapanese() {
        Http.Response office = http.get("/api/v1/public/offices/nowhere/forecast");
        assertThat(office.status()).isEqualTo(404);
        assertThat(office.contentType()).startsWith("application/problem+json");
        assertThat(office.json().path("detail").asString()).contains("庁舎「nowhere」は登録されていません");

        Http.Response dept = http.get("/api/v1/public/offices/honcho/forecast?department=akatsuka-madoguchi");
        assertThat(dept.status()).isEqualTo(404);
        assertThat(dept.json().path("code").asString()).isEqualTo("unknown-department");

        Http.Response month = http.get("/api/v1/public/offices/honcho/forecast?month=2026-13");
        assertThat(month.status()).isEqualTo(422);
        assertThat(month.json().path("detail").asString()).contains("2026-12 のように");

        Http.Response far = http.get("/api/v1/public/offices/honcho/forecast?month=2199-01");
        assertThat(far.status()).isEqualTo(422);
        assertThat(far.json().path("detail").asString()).contains("祝日のデータがある");

        Http.Response dayBad = http.get("/api/v1/public/offices/honcho/forecast?day=2026-02-30");
        assertThat(dayBad.status()).isEqualTo(422);
        assertThat(dayBad.json().path("detail").asString()).contains("日付の指定");

        Http.Response page = http.get("/live/honcho/forecast?month=december");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("月の指定「december」を読み取れません");
        assertThat(http.get("/live/nowhere/forecast").body()).contains("庁舎「nowhere」は登録されていません");
    }

    @Test
    void thePageWorksWithoutScript() {
        Http.Response r = http.get("/live/honcho/forecast?department=koseki-jumin&month=2026-11");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<caption>2026年11月 戸籍住民課の混雑予想</caption>", "<th scope=\"col\"",
                "閉庁日", "勤労感謝の日", "標準的な混雑の傾向", "<form method=\"get\"",
                "month=2026-10", "month=2026-12", "day=2026-11-24").doesNotContain("??");
        Http.Response en = http.get("/live/honcho/forecast?department=koseki-jumin&month=2026-11&lang=en");
        assertThat(en.body()).contains("November 2026", "Labor Thanksgiving Day", "Closed").doesNotContain("??");
        for (String lang : List.of("zh", "ko")) {
            assertThat(http.get("/live/honcho/forecast?month=2026-11&lang=" + lang).body()).doesNotContain("??");
        }
    }

    @Test
    void recordedHistoryIsLearntOnceThereIsEnough() {
        ForecastApp.recordAkatsukaHistory(app, 250);
        try {
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
            List<IssueHistory.HourlyCount> counts = app.bean(IssueHistory.class)
                    .hourly("akatsuka", today.minusDays(14), today.minusDays(1));
            assertThat(counts).isNotEmpty().allSatisfy(c -> assertThat(c.hour()).isEqualTo(10));
            assertThat(counts).allSatisfy(c -> assertThat(c.visits()).isIn(10, 30));

            YearMonth next = YearMonth.from(today).plusMonths(2);
            JsonNode body = http.get("/api/v1/public/offices/akatsuka/forecast?month=" + next).json();
            assertThat(body.path("basis").asString()).isEqualTo("HISTORY");
            assertThat(body.path("historyDays").asInt()).isGreaterThan(150);
            // Mondays brought three times as many: the calendar must show them busier than Wednesdays.
            int monday = -1;
            int wednesday = 5;
            for (JsonNode d : body.path("days")) {
                if (!d.path("open").asBoolean()) {
                    continue;
                }
                DayOfWeek dow = LocalDate.parse(d.path("date").asString()).getDayOfWeek();
                int level = List.of("QUIET", "SOMEWHAT_BUSY", "BUSY", "VERY_BUSY").indexOf(d.path("level").asString());
                if (dow == DayOfWeek.MONDAY && d.path("expected").asInt() > 20) {
                    monday = Math.max(monday, level);
                }
                if (dow == DayOfWeek.WEDNESDAY) {
                    wednesday = Math.min(wednesday, level);
                    assertThat(d.path("expected").asInt()).isBetween(7, 14);
                }
            }
            assertThat(monday).isGreaterThan(wednesday);
            assertThat(http.get("/live/akatsuka/forecast?month=" + next).body()).contains("これまでの受付記録")
                    .doesNotContain("標準的な混雑の傾向");
        } finally {
            app.resetReception();
            app.bean(ForecastService.class).refresh();
        }
    }
}

package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.navigator.NavigatorUsage;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;

/** The write-free counter's use: navigator and pre-entry counts beside the tickets of the same month. */
class WriteFreeReportTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private final TestApp app = TestApp.shared();

    @Test
    void navigatorAndPreentryCountsSitBesideTheTicketsIssued() {
        app.resetReception();
        StatisticsApiTest.accounts();
        WriteFreeReport report = app.bean(WriteFreeReport.class);
        LocalDate today = LocalDate.now(TOKYO);
        FiscalYear fy = FiscalYear.of(today);
        WriteFreeReport.Month before = thisMonth(report.fiscalYear("honcho", fy, today), today);

        NavigatorUsage usage = app.bean(NavigatorUsage.class);
        for (int i = 0; i < 3; i++) {
            usage.count("tennyu", NavigatorUsage.Measure.STARTED);
        }
        usage.count("tennyu", NavigatorUsage.Measure.COMPLETED);
        usage.count("tennyu", NavigatorUsage.Measure.COMPLETED);
        usage.count("tennyu", NavigatorUsage.Measure.SCANNED);
        // Pre-entry's own counting is tested in its module; here one more scan of today is enough.
        app.jdbc().sql("""
                        INSERT INTO preentry.daily_count (day, measure, count) VALUES (:day, 'scanned', 1)
                        ON CONFLICT (day, measure) DO UPDATE SET count = preentry.daily_count.count + 1""")
                .param("day", today).update();
        ReceptionService reception = app.bean(ReceptionService.class);
        for (int i = 0; i < 4; i++) {
            reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())), null, null,
                    null), Actor.staff(77, Actor.Role.MANAGER, Set.of()));
        }

        WriteFreeReport.Report after = report.fiscalYear("honcho", fy, today);
        WriteFreeReport.Month month = thisMonth(after, today);
        assertThat(month.tickets()).isEqualTo(4);
        assertThat(month.naviStarted() - before.naviStarted()).isEqualTo(3);
        assertThat(month.naviCompleted() - before.naviCompleted()).isEqualTo(2);
        assertThat(month.naviScanned() - before.naviScanned()).isEqualTo(1);
        assertThat(month.preScanned() - before.preScanned()).isEqualTo(1);
        assertThat(month.share()).isEqualTo(Math.round(1000.0 * (month.naviScanned() + month.preScanned()) / 4) / 10.0);
        assertThat(after.months()).hasSize(12);
        assertThat(after.total().tickets()).isEqualTo(4);
        WriteFreeReport.Flow tennyu = after.flows().stream().filter(f -> f.id().equals("tennyu")).findFirst().orElseThrow();
        assertThat(tennyu.title()).contains("転入");
        assertThat(tennyu.started()).isGreaterThanOrEqualTo(3);

        Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
        Http.Response csv = manager.get("/statistics/write-free.csv?fy=" + fy.year());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF月,発券数,手続ナビ 開始").contains("\r\n")
                .contains(YearMonth.from(today) + ",4,");
        assertThat(csv.body().getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
        Http.Response bad = manager.header("Accept", "application/problem+json").get("/statistics/write-free?fy=1999");
        assertThat(bad.status()).isEqualTo(422);
        Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
        assertThat(staff.get("/statistics/write-free.csv").status()).isEqualTo(403);

        try (Browser browser = new Browser(1440, 1000)) {
            browser.signIn(app, "stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
            browser.driver().get(app.url("/statistics/write-free"));
            assertThat(browser.driver().findElement(By.cssSelector("#total td")).getText()).isEqualTo("4");
            assertThat(browser.driver().findElement(By.cssSelector("#write-free-chart canvas")).isDisplayed()).isTrue();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("statistics-write-free");
        }
    }

    private static WriteFreeReport.Month thisMonth(WriteFreeReport.Report report, LocalDate today) {
        return report.months().stream().filter(m -> YearMonth.from(today).equals(m.month())).findFirst().orElseThrow();
    }
}

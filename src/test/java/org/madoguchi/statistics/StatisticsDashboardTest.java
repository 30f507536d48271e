package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The managers' dashboard in a real browser: charts drawn, numbers in the tables, drill-down, accessibility. */
class StatisticsDashboardTest {

    private static final String COUNTER_2 = "2番窓口";
    private static Browser browser;
    private final TestApp app = TestApp.shared();

    @BeforeAll
    static void signIn() {
        StatisticsApiTest.accounts();
        TestApp app = TestApp.shared();
        browser = new Browser(1440, 900);
        browser.signIn(app, "stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void data() {
        Facts.clear(app);
        Facts.standard(app);
    }

    @AfterEach
    void clean() {
        Facts.clear(app);
    }

    private List<String> row(String selector) {
        return browser.driver().findElements(By.cssSelector(selector + " th, " + selector + " td")).stream()
                .map(WebElement::getText).toList();
    }

    private void awaitCharts(int count) {
        browser.await(d -> d.findElements(By.cssSelector(".uplot canvas")).size() >= count);
    }

    @Test
    void aFiscalYearWithChartsTablesAndDrillDown() {
        browser.driver().get(app.url("/statistics?fy=2023"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("令和5年度（2023年度）");
        // Five uPlot charts: visits, waits, department comparison, year on year, counters (no waits recorded today:
        // no chart of the day's longest waits).
        awaitCharts(5);
        assertThat(browser.driver().findElements(By.cssSelector(".uplot canvas"))).hasSize(5);
        assertThat(row("#steps tr[data-key='02']")).containsExactly("2番目の課（窓口連携）", "1", "5.0", "5.0", "5.0", "25.0", "5.0");
        assertThat(row("#counters tr[data-counter='honcho-2']")).containsExactly("2番窓口", "2", "2", "1.0", "7.5");
        assertThat(browser.driver().findElement(By.id("dash-total")).getText()).isEqualTo("6 件");

        // Department comparison: 戸籍住民課 waits 120, 240, 300, 600 s → 5.3 min; p90 = 510 s → 8.5 min.
        assertThat(row("#compare tr[data-department='koseki-jumin']")).containsExactly("戸籍住民課", "4", "5.3", "8.5");
        assertThat(row("#compare tr[data-department='kokuho-nenkin']")).containsExactly("国保年金課", "2", "3.7", "3.7");
        assertThat(row("#compare tr[data-department='choju']")).containsExactly("長寿社会推進課", "0", "－", "－");

        // The monthly series: twelve months from April; August has the three visits of 2023-08-10.
        assertThat(browser.driver().findElements(By.cssSelector("#series-visits tbody tr"))).hasSize(12);
        assertThat(row("#series-visits tr[data-key='2023-08']").subList(0, 2)).containsExactly("2023年8月", "3");
        assertThat(row("#series-wait tr[data-key='2023-08']").subList(0, 2)).containsExactly("2023年8月", "3.7");

        // Heat map: Thursday 2023-08-10 had arrivals at 9:00, 9:30 and 10:20; each cell states its number.
        List<String> hours = browser.driver().findElements(By.cssSelector("#heat thead th")).stream().map(WebElement::getText).toList();
        List<String> thursday = row("#heat tbody tr:nth-child(4)");
        assertThat(thursday.get(0)).isEqualTo("木");
        assertThat(thursday.get(hours.indexOf("9時"))).isEqualTo("2");
        assertThat(thursday.get(hours.indexOf("10時"))).isEqualTo("1");
        assertThat(row("#heat tbody tr:nth-child(5)").get(hours.indexOf("16時"))).isEqualTo("1");
        assertThat(browser.driver().findElement(By.cssSelector("#heat tbody tr:nth-child(4) td:nth-of-type(" + hours.indexOf("9時") + ")"))
                .getAttribute("class")).contains("heat-5");

        assertThat(browser.driver().findElement(By.linkText("監査報告書の図表（図表３・図表４-１）")).getAttribute("href"))
                .contains("/statistics/audit?fy=2023");
        assertThat(browser.driver().findElement(By.linkText("受付データの CSV 出力")).getAttribute("href")).endsWith("/statistics/export");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        browser.screenshot("statistics-dashboard");

        // Year → month.
        browser.driver().findElement(By.linkText("2023年8月")).click();
        browser.await(ExpectedConditions.urlContains("month=2023-08"));
        assertThat(browser.driver().getCurrentUrl()).contains("fy=2023");
        awaitCharts(3);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("2023年8月");
        assertThat(browser.driver().findElement(By.id("dash-total")).getText()).isEqualTo("3 件");
        assertThat(browser.driver().findElements(By.cssSelector("#series-visits tbody tr"))).hasSize(31);
        assertThat(row("#compare tr[data-department='koseki-jumin']")).containsExactly("戸籍住民課", "3", "3.7", "4.8");
        assertThat(row("#compare tr[data-department='kokuho-nenkin']")).containsExactly("国保年金課", "0", "－", "－");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();

        // Month → day.
        browser.driver().findElement(By.linkText("2023年8月10日（木）")).click();
        browser.await(ExpectedConditions.urlContains("day=2023-08-10"));
        awaitCharts(3);
        assertThat(row("#series-visits tr[data-key='09']").subList(0, 2)).containsExactly("9時台", "2");
        assertThat(row("#series-visits tr[data-key='10']").subList(0, 2)).containsExactly("10時台", "1");
        assertThat(row("#series-wait tr[data-key='09']").subList(0, 2)).containsExactly("9時台", "3.0");
        // Back up through the breadcrumb.
        browser.driver().findElement(By.cssSelector(".dash-crumbs a")).click();
        browser.await(ExpectedConditions.not(ExpectedConditions.urlContains("day=")));
        assertThat(browser.driver().findElement(By.id("dash-total")).getText()).isEqualTo("6 件");
    }

    @Test
    void thisMonthAgainstLastYearAndTheLongestWaitsOfTheDay() {
        // A month: 2023-08 against 2022-08 (one 戸籍住民課 visit waiting 60 s on 2022-08-05).
        Facts.visit(app, "koseki-jumin", "honcho-1", "2022-08-05", 1, "09:00:00", "09:00:00", "09:01:00", "09:05:00", 0, false, "COMPLETED");
        browser.driver().get(app.url("/statistics?fy=2023&month=2023-08"));
        awaitCharts(4);
        assertThat(browser.driver().findElement(By.id("h-yoy")).getText()).contains("2023年8月と2022年8月");
        // 3 visits against 1: +200.0 %; waits 120, 240, 300 → 4.0 min (rounded 3.7 on screen) against 1.0 min.
        assertThat(row("#yoy tr[data-department='koseki-jumin']"))
                .containsExactly("戸籍住民課", "3", "1", "+200.0%", "3.7", "1.0", "+266.7%");
        assertThat(row("#yoy tr[data-department='kokuho-nenkin']")).containsExactly("国保年金課", "0", "0", "－", "－", "－", "－");
        // No day chosen: the longest waits are today's, and nothing was recorded today.
        assertThat(browser.driver().findElement(By.id("longest-none")).isDisplayed()).isTrue();
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();

        // A day: the three called visits of 2023-08-10, longest first, without personal data.
        browser.driver().get(app.url("/statistics?day=2023-08-10"));
        awaitCharts(6);
        assertThat(browser.driver().findElement(By.id("h-longest")).getText()).contains("2023年8月10日（木）");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#longest tbody tr"));
        assertThat(rows).hasSize(3);
        String handedOver = app.jdbc().sql("SELECT ticket_number::text FROM statistics.visit_fact "
                + "WHERE service_date = DATE '2023-08-10' AND seq = 2").query(String.class).single();
        String second = app.jdbc().sql("SELECT ticket_number::text FROM statistics.visit_fact "
                + "WHERE service_date = DATE '2023-08-10' AND recall_count = 2").query(String.class).single();
        assertThat(row("#longest tbody tr:nth-child(1)")).containsExactly("1", "戸籍住民課（窓口連携）", handedOver, COUNTER_2,
                "10:00", "10:20", "10:25", "5.0");
        assertThat(row("#longest tbody tr:nth-child(2)")).containsExactly("2", "戸籍住民課", second, COUNTER_2,
                "9:30", "9:30", "9:34", "4.0");
        assertThat(row("#longest tbody tr:nth-child(3)").get(7)).isEqualTo("2.0");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        browser.screenshot("statistics-dashboard-day");
    }

    @Test
    void oneDepartmentOnly() {
        browser.driver().get(app.url("/statistics?fy=2023&department=kokuho-nenkin"));
        awaitCharts(3);
        assertThat(browser.driver().findElements(By.cssSelector("#compare tbody tr"))).hasSize(1);
        assertThat(row("#compare tbody tr")).containsExactly("国保年金課", "2", "3.7", "3.7");
        assertThat(browser.driver().findElements(By.cssSelector("#series-visits thead th")).stream().map(WebElement::getText).toList())
                .containsExactly("期間", "国保年金課");
    }

    @Test
    void withoutAYearTheDashboardAndTheAuditOpenOnTheLatestEndedYearWithRecords() {
        // Records end with 2024-04-01 (fiscal 2024); a later ended year has none and is not where the pages open.
        FiscalYear empty = FiscalYear.of(java.time.LocalDate.now()).previous();
        assertThat(empty.year()).as("this test assumes a year without records after fiscal 2024").isGreaterThan(2024);
        browser.driver().get(app.url("/statistics"));
        awaitCharts(3);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("令和6年度（2024年度）");
        assertThat(browser.driver().findElement(By.id("dash-total")).getText()).isEqualTo("1 件");
        assertThat(browser.driver().findElement(By.cssSelector("#fy option[value='" + empty.year() + "']")).getText())
                .isEqualTo(empty.labelWithWestern() + "（記録なし）");
        assertThat(browser.driver().findElement(By.cssSelector("#fy option[value='2023']")).getText())
                .isEqualTo("令和5年度（2023年度）");

        browser.driver().get(app.url("/statistics/audit"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("令和6年度（2024年度）");
        assertThat(row("#table41 tr[data-department='koseki-jumin']").get(1)).isEqualTo("1 分 0 秒");
    }

    /** Sideways overflow on the page: the page itself, then every box whose content is wider than the box. */
    private List<String> cutOff() {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("""
                const out = [];
                const root = document.documentElement;
                if (root.scrollWidth > root.clientWidth + 1) out.push('page: ' + root.scrollWidth + ' > ' + root.clientWidth);
                document.querySelectorAll('.stats-scroll').forEach(e => {
                  if (e.scrollWidth > e.clientWidth + 1) {
                    out.push((e.querySelector('table') || e).id + ' hides ' + (e.scrollWidth - e.clientWidth) + ' px');
                  }
                });
                return out;""");
        return found;
    }

    @Test
    void everyTableFitsA1366PixelScreenAndThePageHasNavigation() {
        WebDriver d = browser.driver();
        try {
            d.manage().window().setSize(new Dimension(1366, 768));
            d.get(app.url("/statistics?fy=2023"));
            awaitCharts(5);
            // Every figure is there and nothing is hidden behind a sideways scroll.
            assertThat(cutOff()).isEmpty();
            assertThat(row("#series-visits thead tr").get(row("#series-visits thead tr").size() - 1)).isEqualTo("保育サービス課");
            // The long page has a list of its sections, each link leading to a heading on the page.
            List<WebElement> links = d.findElements(By.cssSelector("#dash-toc a"));
            assertThat(links).hasSizeGreaterThanOrEqualTo(8);
            for (WebElement link : links) {
                String target = link.getAttribute("href").substring(link.getAttribute("href").indexOf('#') + 1);
                assertThat(d.findElements(By.id(target))).as(link.getText()).hasSize(1);
            }
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("statistics-dashboard-1366");

            // The audit's 図表3: nine years and 合計, all on screen.
            d.get(app.url("/statistics/audit?fy=2023"));
            assertThat(cutOff()).isEmpty();
            WebElement total = d.findElement(By.cssSelector("#table3 thead th:last-child"));
            assertThat(total.getText()).isEqualTo("合計");
            assertThat(total.getRect().getX() + total.getRect().getWidth())
                    .isLessThanOrEqualTo(((Number) ((org.openqa.selenium.JavascriptExecutor) d)
                            .executeScript("return document.documentElement.clientWidth")).intValue());
            assertThat(row("#table3 thead tr")).contains("H27", "R5", "合計");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("statistics-audit-1366");

            // On a phone the page itself never scrolls sideways; wide tables do, with their first column kept.
            d.manage().window().setSize(new Dimension(390, 844));
            d.get(app.url("/statistics?fy=2023"));
            awaitCharts(5);
            assertThat(cutOff()).noneMatch(problem -> problem.startsWith("page"));
            assertThat(d.findElement(By.cssSelector("#series-visits tbody th")).getCssValue("position")).isEqualTo("sticky");
            d.get(app.url("/statistics/audit?fy=2023"));
            assertThat(cutOff()).noneMatch(problem -> problem.startsWith("page"));
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        } finally {
            d.manage().window().setSize(new Dimension(1440, 900));
        }
    }

    @Test
    void counterStaffAreRefusedAndBadInputIsExplained() {
        Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
        Http.Response page = staff.get("/statistics");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("統計は管理者と所属長のみ閲覧できます。");

        Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
        Http.Response bad = manager.get("/statistics?month=2023-13");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("月は 2023-08 の形式で指定してください。");
        assertThat(manager.get("/statistics?fy=2022&month=2023-08").body()).contains("指定された月は指定された年度に含まれません。");
    }
}

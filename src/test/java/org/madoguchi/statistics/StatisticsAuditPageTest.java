package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The printable page of the audit's tables, in a real browser. */
class StatisticsAuditPageTest {

    private static Browser browser;
    private final TestApp app = TestApp.shared();

    @BeforeAll
    static void signIn() {
        StatisticsApiTest.accounts();
        TestApp app = TestApp.shared();
        browser = new Browser(1280, 1000);
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

    private List<String> cells(String table, String department) {
        return browser.driver().findElements(By.cssSelector("#" + table + " tr[data-department='" + department + "'] th, #"
                + table + " tr[data-department='" + department + "'] td")).stream().map(WebElement::getText).toList();
    }

    @Test
    void theAuditTablesOfAFiscalYear() {
        browser.driver().get(app.url("/statistics/audit?fy=2023"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("令和5年度（2023年度）");
        List<String> heads = browser.driver().findElements(By.cssSelector("#table3 thead th")).stream()
                .map(WebElement::getText).toList();
        assertThat(heads).containsExactly("区分", "H27", "H28", "H29", "H30", "R1", "R2", "R3", "R4", "R5", "合計");
        assertThat(cells("table3", "koseki-jumin")).containsExactly("戸籍住民課", "0", "0", "0", "0", "0", "0", "0", "1", "3", "4");
        assertThat(browser.driver().findElements(By.cssSelector("#table3 tfoot td")).stream().map(WebElement::getText).toList())
                .containsExactly("0", "0", "0", "0", "0", "0", "0", "1", "5", "6");
        assertThat(cells("table41", "koseki-jumin")).containsExactly("戸籍住民課", "5 分 15 秒", "3 分 40 秒 (R5.8)",
                "10 分 0 秒 (R6.3)");
        assertThat(cells("table41", "choju")).containsExactly("長寿社会推進課", "この年度の呼出記録はありません");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        browser.screenshot("statistics-audit");

        // Choosing another year shows it.
        browser.driver().findElement(By.cssSelector("#fy option[value='2024']")).click();
        browser.driver().findElement(By.cssSelector(".stats-choose button")).click();
        browser.await(ExpectedConditions.urlContains("fy=2024"));
        assertThat(cells("table41", "koseki-jumin")).containsExactly("戸籍住民課", "1 分 0 秒", "1 分 0 秒 (R6.4)",
                "1 分 0 秒 (R6.4)");
    }

    @Test
    void counterStaffAreRefused() {
        Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
        Http.Response page = staff.get("/statistics/audit?fy=2023");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("統計は管理者と所属長のみ閲覧できます。");
    }
}

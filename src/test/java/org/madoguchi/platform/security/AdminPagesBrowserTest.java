package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** An administrator in a real Chromium: creates an account on /admin; /admin, /account and /account/password pass axe-core. */
class AdminPagesBrowserTest {

    @Test
    void anAdministratorCreatesAnAccountAndThePagesAreAccessible() {
        TestApp app = TestApp.shared();
        String login = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser(1366, 768)) {
            WebDriver driver = browser.driver();
            browser.signIn(app, "admin", TestApp.ADMIN_PASSWORD);
            driver.get(app.url("/"));
            driver.findElement(By.linkText("職員・端末の管理 Staff and devices")).click();
            browser.await(ExpectedConditions.urlContains("/admin"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("職員・端末の管理");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("admin");

            driver.findElement(By.id("login")).sendKeys(login);
            driver.findElement(By.id("displayName")).sendKeys("鈴木 一郎");
            driver.findElement(By.cssSelector("input[name=role][value=STAFF]")).click();
            driver.findElement(By.cssSelector("input[name=departments][value=koseki-jumin]")).click();
            driver.findElement(By.id("password")).sendKeys("first-password-given-1");
            assertThat(driver.findElement(By.name("mustChangePassword")).isSelected())
                    .as("must change at first sign-in, unless unticked").isTrue();
            driver.findElement(By.cssSelector("form[action='/admin/staff'] button[type=submit]")).click();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                    "職員アカウント「" + login + "」を作成しました。"));
            assertThat(driver.findElement(By.tagName("tbody")).getText()).contains(login).contains("鈴木 一郎")
                    .contains("戸籍住民課").contains("次のログインで変更");

            // The confirmation of a destructive button opens in place; nothing is sent until it is confirmed.
            driver.findElement(By.xpath("//tr[th='" + login + "']//summary[starts-with(normalize-space(.), '無効にする')]"))
                    .click();
            assertThat(driver.findElement(By.xpath("//tr[th='" + login + "']//button[contains(., '無効にする（確定）')]"))
                    .isDisplayed()).isTrue();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("admin-confirm");

            driver.get(app.url("/account"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("アカウント");
            assertThat(driver.findElement(By.id("main")).getText()).contains("この端末");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("account");

            driver.get(app.url("/account/password"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("パスワードの変更");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("account-password");
        }
    }
}

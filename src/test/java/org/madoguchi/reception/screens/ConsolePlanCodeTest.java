package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.PlainPlanCodes;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** At the first counter a clerk types or scans a plan code and prints one ticket for the whole plan. */
class ConsolePlanCodeTest {

    @Test
    void aClerkIssuesOneTicketForAWholePlanAndPrintsIt() {
        TestApp app = TestApp.shared();
        app.resetReception();
        String login = ScreenFixtures.staff(app, "STAFF", "koseki-jumin");
        String code = PlainPlanCodes.encode(List.of(new ItineraryStep("koseki-jumin", List.of("tennyu")),
                new ItineraryStep("kokuho-nenkin", List.of("kokuho-kanyu")),
                new ItineraryStep("kosodate", List.of("jido-teate"))));
        try (Browser browser = new Browser(1280, 1000)) {
            ScreenFixtures.signIn(browser, app, login);
            browser.driver().get(app.url("/console/honcho-1"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "最新"));

            // A code nobody knows is refused in Japanese, and the field keeps what was typed.
            WebElement input = browser.driver().findElement(By.id("plan-code"));
            input.sendKeys("ZZZ-NOT-A-PLAN");
            browser.driver().findElement(By.id("plan-issue")).click();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-result"), "読み取れませんでした"));
            assertThat(input.getAttribute("value")).isEqualTo("ZZZ-NOT-A-PLAN");

            input.clear();
            input.sendKeys(code + "\n");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-result"), "番"));
            String result = browser.driver().findElement(By.id("plan-result")).getText();
            assertThat(result).contains("戸籍住民課 → 国保年金課 → 子育て支援課");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("console-plan-code");

            browser.driver().findElement(By.cssSelector("#plan-result a")).click();
            browser.await(ExpectedConditions.presenceOfElementLocated(By.id("route")));
            assertThat(browser.driver().findElement(By.id("route")).getText())
                    .contains("戸籍住民課").contains("国保年金課").contains("子育て支援課");
            assertThat(browser.driver().findElement(By.id("back")).getAttribute("href")).endsWith("/console/honcho-1");
            String number = browser.driver().findElement(By.id("number")).getText();
            assertThat(result).startsWith(number + "番");
        }
    }
}

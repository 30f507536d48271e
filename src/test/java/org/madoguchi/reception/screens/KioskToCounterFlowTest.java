package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.PlainPlanCodes;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A visitor takes one ticket for two departments at the kiosk; 戸籍住民課 calls and completes it from the
 * console (keyboard only); at 国保年金課 it is called before a ticket issued later there.
 */
class KioskToCounterFlowTest {

    private static final TestApp app = TestApp.shared();
    private static Browser kiosk;
    private static Browser counter;

    @BeforeAll
    static void browsers() {
        app.resetReception();
        kiosk = new Browser(1280, 1024);
        counter = new Browser(1440, 900);
    }

    @AfterAll
    static void close() {
        kiosk.close();
        counter.close();
    }

    @Test
    void oneTicketTwoDepartmentsServedInOriginalIssueOrder() {
        ScreenFixtures.pair(kiosk, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
        WebDriver k = kiosk.driver();
        assertThat(k.getCurrentUrl()).endsWith("/kiosk");
        assertThat(kiosk.seriousAccessibilityViolations()).as("kiosk accessibility").isEmpty();

        k.findElement(By.cssSelector("button.dept[data-dept=koseki-jumin]")).click();
        k.findElement(By.cssSelector("button.dept[data-dept=kokuho-nenkin]")).click();
        // Non-linked departments cannot join the ticket; the kiosk says why.
        k.findElement(By.cssSelector("button.dept[data-dept=kazei]")).click();
        assertThat(k.findElement(By.id("not-linked")).isDisplayed()).isTrue();
        assertThat(k.findElements(By.cssSelector("#route li .name"))).extracting(e -> e.getText())
                .containsExactly("戸籍住民課", "国保年金課");
        // The visitor knows one procedure and ticks it.
        k.findElement(By.cssSelector("#route input[value=tennyu]")).click();
        kiosk.screenshot("kiosk");

        k.findElement(By.id("issue")).click();
        kiosk.await(ExpectedConditions.urlContains("/kiosk/tickets/"));
        int number = Integer.parseInt(k.findElement(By.id("number")).getText());
        assertThat(k.findElements(By.cssSelector("#route li"))).hasSize(2);
        assertThat(k.findElement(By.cssSelector(".qr svg")).getAttribute("aria-label")).isNotBlank();
        assertThat(kiosk.seriousAccessibilityViolations()).as("printed ticket accessibility").isEmpty();
        kiosk.screenshot("kiosk-ticket");

        // A later visitor goes straight to 国保年金課.
        ReceptionService reception = app.bean(ReceptionService.class);
        int later = reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("kokuho-nenkin", List.of())),
                null, null, null), Actor.staff(4242, Actor.Role.MANAGER, Set.of())).ticket().number();
        assertThat(later).isGreaterThan(number);

        // 戸籍住民課: keyboard only.
        String koseki = ScreenFixtures.staff(app, "STAFF", "koseki-jumin");
        ScreenFixtures.signIn(counter, app, koseki);
        WebDriver c = counter.driver();
        c.get(app.url("/console/honcho-1"));
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "最新"));
        counter.await(ExpectedConditions.elementToBeClickable(By.id("open"))).click();
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("counter-state"), "開いています"));
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queue"), String.valueOf(number)));
        new Actions(c).sendKeys("n").perform();
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), String.valueOf(number)));
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-details"), "転入届"));
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("itinerary"), "国保年金課"));
        assertThat(counter.seriousAccessibilityViolations()).as("console accessibility").isEmpty();
        counter.screenshot("console");
        new Actions(c).sendKeys("s").perform();
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-details"), "対応中"));
        new Actions(c).sendKeys("c").perform();
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), "—"));

        // 国保年金課: the handed-over ticket comes before the later one.
        c.findElement(By.id("logout")).click();
        counter.await(ExpectedConditions.urlContains("/login"));
        String kokuho = ScreenFixtures.staff(app, "STAFF", "kokuho-nenkin");
        ScreenFixtures.signIn(counter, app, kokuho);
        c.get(app.url("/console/honcho-11"));
        counter.await(ExpectedConditions.elementToBeClickable(By.id("open"))).click();
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queue"), String.valueOf(later)));
        List<String> order = counter.await(d -> {
            List<String> numbers = d.findElements(By.cssSelector("#queue td.num")).stream().map(e -> e.getText()).toList();
            return numbers.size() == 2 ? numbers : null;
        });
        assertThat(order).containsExactly(String.valueOf(number), String.valueOf(later));
        counter.await(ExpectedConditions.elementToBeClickable(By.id("call"))).sendKeys(Keys.ENTER);
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), String.valueOf(number)));

        // The visitor's own page shows the call at 国保年金課.
        k.get(app.url("/t/" + app.jdbc().sql("SELECT public_token FROM reception.ticket WHERE number = :n AND office_id = 'honcho'")
                .param("n", number).query(String.class).single()));
        kiosk.await(d -> {
            String steps = d.findElement(By.id("steps")).getText();
            return steps.contains("完了") && steps.contains("お呼びしています") && steps.contains("11番窓口");
        });
        assertThat(kiosk.seriousAccessibilityViolations()).as("ticket page accessibility").isEmpty();
    }

    @Test
    void aPlanCodeScannedAtTheKioskIssuesTheWholeItinerary() {
        ScreenFixtures.pair(kiosk, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
        WebDriver k = kiosk.driver();
        k.get(app.url("/kiosk"));
        String code = PlainPlanCodes.encode(List.of(new ItineraryStep("koseki-jumin", List.of("tennyu")),
                new ItineraryStep("kosodate", List.of("jido-teate"))));
        // A keyboard-wedge reader types the code and Enter without any field focused.
        new Actions(k).sendKeys(code + Keys.ENTER).perform();
        kiosk.await(ExpectedConditions.urlContains("/kiosk/tickets/"));
        assertThat(k.findElement(By.id("route")).getText()).contains("戸籍住民課").contains("子育て支援課");
        // The ticket page prints itself just after it has loaded; leave it only once that has happened, and type the
        // next code only into a kiosk page that has finished loading (keys sent earlier are lost, under load).
        kiosk.await(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        k.get(app.url("/kiosk"));
        kiosk.await(d -> d.getCurrentUrl().endsWith("/kiosk")
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        new Actions(k).sendKeys("MDG1:nowhere" + Keys.ENTER).perform();
        kiosk.await(ExpectedConditions.visibilityOfElementLocated(By.id("bad-code")));
        assertThat(k.getCurrentUrl()).endsWith("/kiosk");
    }

    @Test
    void aCodeTypedOnTheKeypadIsTriedLikeAScannedOne() {
        ScreenFixtures.pair(kiosk, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
        WebDriver k = kiosk.driver();
        k.get(app.url("/kiosk"));
        k.findElement(By.id("type-code")).click();
        kiosk.await(ExpectedConditions.visibilityOfElementLocated(By.id("code-pad")));
        assertThat(kiosk.seriousAccessibilityViolations()).as("keypad accessibility").isEmpty();
        for (String key : List.of("N", "7", "K", "3", "X")) {
            k.findElement(By.cssSelector("#code-keys [data-key='" + key + "']")).click();
        }
        k.findElement(By.id("code-back")).click();
        assertThat(k.findElement(By.id("code-typed")).getText()).isEqualTo("N7K3");
        kiosk.screenshot("kiosk-code-pad");
        k.findElement(By.id("code-send")).click();
        // No module knows this code: the visitor is told so and stays at the kiosk's start.
        kiosk.await(ExpectedConditions.visibilityOfElementLocated(By.id("bad-code")));
        assertThat(k.findElement(By.id("code-pad")).isDisplayed()).isFalse();
        assertThat(k.getCurrentUrl()).endsWith("/kiosk");
    }
}

package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * H at the counter console asks which department the visitor goes to next, says it again for confirmation, and
 * hands over only when confirmed; Esc at either step leaves the visitor where they are. Keyboard only.
 */
class ConsoleHandOverTest {

    private static final TestApp app = TestApp.shared();
    private static Browser counter;

    @BeforeAll
    static void open() {
        counter = new Browser(1366, 768);
    }

    @AfterAll
    static void close() {
        counter.close();
    }

    @Test
    void handOverAsksWhichDepartmentAndConfirmsFirst() {
        app.resetReception();
        Ticket ticket = app.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                List.of(new ItineraryStep("koseki-jumin", List.of("tennyu"))), null, null, null),
                Actor.staff(4244, Actor.Role.MANAGER, Set.of())).ticket();
        ScreenFixtures.signIn(counter, app, ScreenFixtures.staff(app, "STAFF", "koseki-jumin"));
        WebDriver c = counter.driver();
        c.get(app.url("/console/honcho-1"));
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "最新"));
        counter.await(ExpectedConditions.elementToBeClickable(By.id("open"))).click();
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("counter-state"), "開いています"));
        counter.await(d -> d.findElements(By.cssSelector("#queue td.num")).stream()
                .anyMatch(e -> e.getText().equals(String.valueOf(ticket.number()))));
        keys(c, "n");
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), String.valueOf(ticket.number())));
        counter.await(ExpectedConditions.elementToBeClickable(By.id("handover")));

        // H opens the question with the focus on the chooser; nothing has happened yet.
        keys(c, "h");
        assertThat(visits(ticket.id())).as("H alone hands nobody over").containsExactly("koseki-jumin CALLED");
        counter.await(d -> dialogOpen(d));
        assertThat(active(c).getAttribute("type")).isEqualTo("radio");
        assertThat(active(c).findElement(By.xpath("ancestor::dialog")).getAttribute("id")).isEqualTo("handover-dialog");
        List<String> offered = c.findElements(By.cssSelector("#handover-options input")).stream()
                .map(e -> e.getAttribute("value")).toList();
        assertThat(offered).contains("kokuho-nenkin", "kosodate").doesNotContain("koseki-jumin", "kazei");
        assertThat(c.findElements(By.cssSelector("#handover-options input:checked"))).as("nothing chosen for the clerk").isEmpty();
        assertThat(counter.seriousAccessibilityViolations()).as("hand-over chooser accessibility").isEmpty();
        assertThat(visits(ticket.id())).containsExactly("koseki-jumin CALLED");

        // Esc: the question goes away and the visitor stays called here.
        keys(c, Keys.ESCAPE);
        counter.await(d -> !dialogOpen(d));
        assertThat(active(c).getAttribute("id")).isEqualTo("handover");
        assertThat(visits(ticket.id())).containsExactly("koseki-jumin CALLED");

        // Arrow keys choose 子育て支援課 (not the first in the list); Enter asks to confirm, naming it.
        keys(c, "h");
        counter.await(d -> dialogOpen(d));
        for (int i = 0; i < offered.size() && !"kosodate".equals(checked(c)); i++) {
            keys(c, Keys.ARROW_DOWN);
        }
        assertThat(checked(c)).isEqualTo("kosodate");
        keys(c, Keys.ENTER);
        WebElement question = counter.await(ExpectedConditions.visibilityOfElementLocated(By.id("handover-question")));
        assertThat(question.getText()).contains(ticket.number() + "番").contains("子育て支援課").contains("よろしいですか");
        assertThat(active(c).getAttribute("id")).isEqualTo("handover-ok");
        assertThat(active(c).getText()).contains("子育て支援課");
        assertThat(counter.seriousAccessibilityViolations()).as("hand-over confirmation accessibility").isEmpty();
        counter.screenshot("console-handover-confirm");
        assertThat(visits(ticket.id())).as("not before the confirmation").containsExactly("koseki-jumin CALLED");
        // Letters typed while it asks are not the console's shortcuts (C would complete the visit behind it).
        keys(c, "c");
        assertThat(dialogOpen(c)).isTrue();
        assertThat(visits(ticket.id())).containsExactly("koseki-jumin CALLED");

        // Esc at the confirmation cancels too.
        keys(c, Keys.ESCAPE);
        counter.await(d -> !dialogOpen(d));
        assertThat(visits(ticket.id())).containsExactly("koseki-jumin CALLED");

        // Confirmed: handed over to the department chosen, and to no other.
        keys(c, "h");
        counter.await(d -> dialogOpen(d));
        for (int i = 0; i < offered.size() && !"kosodate".equals(checked(c)); i++) {
            keys(c, Keys.ARROW_DOWN);
        }
        keys(c, Keys.ENTER);
        counter.await(d -> "handover-ok".equals(active(d).getAttribute("id")));
        keys(c, Keys.ENTER);
        counter.await(d -> !dialogOpen(d));
        counter.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), "—"));
        assertThat(visits(ticket.id())).containsExactly("koseki-jumin COMPLETED", "kosodate WAITING");
        assertThat(c.findElement(By.id("message")).isDisplayed()).isFalse();
    }

    private static void keys(WebDriver c, CharSequence keys) {
        new Actions(c).sendKeys(keys).perform();
    }

    private static boolean dialogOpen(WebDriver d) {
        return Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const dialog = document.getElementById('handover-dialog'); return !!(dialog && dialog.open);"));
    }

    private static WebElement active(WebDriver d) {
        return d.switchTo().activeElement();
    }

    private static String checked(WebDriver c) {
        return c.findElements(By.cssSelector("#handover-options input:checked")).stream()
                .map(e -> e.getAttribute("value")).findFirst().orElse(null);
    }

    private static List<String> visits(UUID ticketId) {
        return app.jdbc().sql("SELECT department_id || ' ' || status FROM reception.visit WHERE ticket_id = :t ORDER BY seq")
                .param("t", ticketId).query(String.class).list();
    }
}

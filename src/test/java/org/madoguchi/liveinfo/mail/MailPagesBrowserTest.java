package org.madoguchi.liveinfo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.Set;
import org.madoguchi.Browser;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.Ticket;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The visitor's path from the ticket page to a registered address, in a real browser, accessible all the way. */
class MailPagesBrowserTest {

    private final MailFixture fx = MailFixture.get();

    @BeforeEach
    void reset() {
        fx.reset();
    }

    @Test
    void aVisitorRegistersFromTheTicketPage() {
        Ticket ticket = fx.issue("koseki-jumin");
        try (Browser browser = new Browser(390, 844)) {
            WebDriver d = browser.driver();
            d.get(fx.app.url("/t/" + ticket.publicToken()));
            browser.await(ExpectedConditions.elementToBeClickable(By.id("mail-link"))).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("address")));
            assertThat(browser.seriousAccessibilityViolations()).as("mail form accessibility").isEmpty();

            // A wrong address is explained beside the form, and what was chosen is kept.
            d.findElement(By.id("address")).sendKeys("not-an-address@");
            d.findElements(By.cssSelector("input[name=notify]")).get(0).click();
            ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "document.getElementById('address').removeAttribute('type');"
                            + "document.querySelector('form').noValidate = true;");
            d.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(d.findElement(By.id("error")).getText()).containsPattern("[\\p{IsHan}\\p{IsHiragana}]");
            assertThat(d.findElements(By.cssSelector("input[name=notify]")).get(0).isSelected()).isTrue();
            assertThat(browser.seriousAccessibilityViolations()).as("form with an error").isEmpty();

            d.findElement(By.id("address")).clear();
            d.findElement(By.id("address")).sendKeys("hanako@example.jp");
            d.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
            assertThat(d.getPageSource()).doesNotContain("hanako@example.jp");
            assertThat(browser.seriousAccessibilityViolations()).as("code page accessibility").isEmpty();

            // A wrong code is explained; the right one (full-width digits, as a Japanese keyboard may type) registers.
            String code = fx.confirmationCode("hanako@example.jp");
            String wrong = code.equals("000000") ? "111111" : "000000";
            d.findElement(By.id("code")).sendKeys(wrong);
            d.findElement(By.id("confirm")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(d.findElement(By.id("error")).getText()).contains("確認コードが違います");
            assertThat(browser.seriousAccessibilityViolations()).as("code page with an error").isEmpty();
            StringBuilder wide = new StringBuilder();
            code.chars().forEach(c -> wide.append((char) (c - '0' + '０')));
            d.findElement(By.id("code")).sendKeys(wide);
            d.findElement(By.id("confirm")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("levels")));
            assertThat(d.getPageSource()).doesNotContain("hanako@example.jp");
            assertThat(d.getCurrentUrl()).doesNotContain("hanako");
            assertThat(browser.seriousAccessibilityViolations()).as("confirmation accessibility").isEmpty();
            browser.screenshot("mail-registered");
        }
        assertThat(fx.app.jdbc().sql("SELECT count(*) FROM liveinfo.mail_subscription WHERE confirmed_at IS NOT NULL")
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aTicketThatEndedOffersNoMailAnyMore() {
        Ticket ticket = fx.issue("koseki-jumin");
        assertThat(fx.get("/t/" + ticket.publicToken()).body()).contains("id=\"mail-link\"");
        fx.reception().cancel(ticket.id(), Actor.staff(5101, Actor.Role.MANAGER, Set.of()));
        MailFixture.Page page = fx.get("/t/" + ticket.publicToken());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"mail-link\"");
    }
}

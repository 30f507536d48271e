package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.database.DatabaseAvailability;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The embedded PostgreSQL is killed under open screens and held down for a while (the watchdog waits before it
 * starts it again). The kiosk, the counter console, the display board and the public status page must each say
 * that they are waiting, keep what they show and what the visitor chose, refuse nothing silently, and then work
 * again by themselves: nobody reloads a page.
 */
class ScreensDuringDatabaseOutageTest {

    private static final Actor MANAGER = Actor.staff(7301, Actor.Role.MANAGER, Set.of());
    /** Long enough for every screen's waiting state to be looked at before the server is started again. */
    private static final String OUTAGE = "PT40S";

    @Test
    void everyScreenWaitsVisiblyAndRecoversByItself(@TempDir Path dir) throws Exception {
        TestApp app = TestApp.start(Map.of(
                "madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.admin.password-file", dir.resolve("pw.txt").toString(),
                "madoguchi.embedded-db.restart-delay", OUTAGE));
        try (Browser kiosk = new Browser(1280, 1024); Browser board = new Browser(1280, 800);
                Browser staff = new Browser(1280, 900)) {
            ReceptionService reception = app.bean(ReceptionService.class);

            // The counter console of 2番窓口, opened by its clerk; the public status page in a second window.
            ScreenFixtures.signIn(staff, app, ScreenFixtures.staff(app, "STAFF", "koseki-jumin"));
            WebDriver console = staff.driver();
            console.get(app.url("/console/honcho-2"));
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "最新"));
            staff.await(ExpectedConditions.elementToBeClickable(By.id("open"))).click();
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("counter-state"), "開いています"));
            String consoleWindow = console.getWindowHandle();
            console.switchTo().newWindow(WindowType.WINDOW);
            console.get(app.url("/live/honcho?lang=ja"));
            staff.await(d -> "connected".equals(bodyAttribute(d, "data-live")));
            String publicWindow = console.getWindowHandle();

            ScreenFixtures.pair(board, app, ScreenFixtures.device(app, "DISPLAY", "honcho"));
            board.driver().get(app.url("/board"));
            board.await(d -> "connected".equals(bodyAttribute(d, "data-live")));
            js(board).executeScript(ScreenFixtures.SPEECH_RECORDER);
            board.driver().findElement(By.cssSelector(".board-head h1")).click();

            ScreenFixtures.pair(kiosk, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
            WebDriver k = kiosk.driver();
            kiosk.await(d -> d.getCurrentUrl().endsWith("/kiosk"));
            kiosk.await(d -> "complete".equals(js(kiosk).executeScript("return document.readyState")));

            // Before: a call, shown and read out once on the board and on the public page.
            int first = issue(reception);
            console.switchTo().window(consoleWindow);
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queue"), String.valueOf(first)));
            staff.await(ExpectedConditions.elementToBeClickable(By.id("call"))).click();
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), String.valueOf(first)));
            board.await(d -> !d.findElements(By.cssSelector(callOnBoard(first))).isEmpty());
            board.await(d -> spoken(board) == 2);
            console.switchTo().window(publicWindow);
            staff.await(d -> !d.findElements(By.cssSelector("#departments li[data-number='" + first + "']")).isEmpty());
            // The visitor at the kiosk has chosen a department and not yet pressed the button.
            k.findElement(By.cssSelector("button.dept[data-dept=koseki-jumin]")).click();
            assertThat(k.findElement(By.id("service")).getText()).isEmpty();

            ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dir)).orElseThrow();
            postmaster.destroyForcibly();
            postmaster.onExit().get(10, TimeUnit.SECONDS);

            // Each screen says that it waits, at once; what they show stays. Kiosk: before anyone presses, and
            // pressing sends nothing but says it again.
            kiosk.await(ExpectedConditions.textToBePresentInElementLocated(By.id("service"), "発券できません"));
            k.findElement(By.id("issue")).click();
            kiosk.await(ExpectedConditions.visibilityOfElementLocated(By.id("offline")));
            assertThat(k.findElement(By.id("offline-text")).getText()).contains("発券できませんでした");
            assertThat(k.findElement(By.id("offline-state")).getText()).contains("復旧を待っています");
            assertThat(k.findElement(By.id("retry")).isEnabled()).isFalse();
            // Board: a discreet note that the numbers are not being updated.
            board.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "更新できません"));
            assertThat(board.driver().findElements(By.cssSelector(callOnBoard(first)))).hasSize(1);
            // Public page: the same, in the page's language.
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("paused"), "情報を更新できません"));
            assertThat(console.findElements(By.cssSelector("#departments li[data-number='" + first + "']"))).hasSize(1);
            // Console: the clerk completes the visit; it is refused and the console says which action was not done.
            console.switchTo().window(consoleWindow);
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "データベースに接続できません"));
            console.findElement(By.id("complete")).click();
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "「完了」は実行されていません"));

            assertThat(kiosk.seriousAccessibilityViolations()).as("kiosk waiting accessibility").isEmpty();
            assertThat(board.seriousAccessibilityViolations()).as("board paused accessibility").isEmpty();
            console.switchTo().window(publicWindow);
            assertThat(staff.seriousAccessibilityViolations()).as("public page paused accessibility").isEmpty();
            kiosk.screenshot("kiosk-database-outage");
            board.screenshot("board-database-outage");
            assertThat(app.bean(DatabaseAvailability.class).available()).as("all of this seen during the outage").isFalse();
            assertThat(spoken(board)).isEqualTo(2);
            console.switchTo().window(consoleWindow);

            // Back by itself. Console: current again, and the refused action is still reported until done again.
            waitLong(staff, ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "最新の状態です"));
            assertThat(console.findElement(By.id("message")).getText()).contains("「完了」は実行されていません");
            assertThat(console.findElement(By.id("current-number")).getText()).isEqualTo(String.valueOf(first));
            console.findElement(By.id("complete")).click();
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), "—"));

            // Kiosk: the visitor's choice is still there and the ticket is issued on the next press.
            waitLong(kiosk, ExpectedConditions.textToBePresentInElementLocated(By.id("offline-state"), "発券できるようになりました"));
            assertThat(k.findElements(By.cssSelector("#route li .name"))).extracting(e -> e.getText())
                    .containsExactly("戸籍住民課");
            kiosk.await(ExpectedConditions.elementToBeClickable(By.id("retry"))).click();
            kiosk.await(ExpectedConditions.urlContains("/kiosk/tickets/"));
            int second = Integer.parseInt(k.findElement(By.id("number")).getText());
            assertThat(second).isGreaterThan(first);

            // Board: the note goes; the new call is shown and read out, the old one is not read out again.
            waitLong(board, d -> d.findElement(By.id("conn")).getText().isEmpty());
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queue"), String.valueOf(second)));
            staff.await(ExpectedConditions.elementToBeClickable(By.id("call"))).click();
            staff.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), String.valueOf(second)));
            board.await(d -> !d.findElements(By.cssSelector(callOnBoard(second))).isEmpty());
            board.await(d -> spoken(board) >= 4);
            Thread.sleep(2000);
            @SuppressWarnings("unchecked")
            List<Map<String, String>> texts = (List<Map<String, String>>) js(board).executeScript("return window.__spoken");
            assertThat(texts).hasSize(4);
            assertThat(texts.get(2).get("text")).contains("受付番号 " + kana(second) + " 番");

            // Public page: current again, with the new call.
            console.switchTo().window(publicWindow);
            waitLong(staff, d -> d.findElement(By.id("paused")).getText().isEmpty());
            staff.await(d -> !d.findElements(By.cssSelector("#departments li[data-number='" + second + "']")).isEmpty());
        } finally {
            app.close();
        }
    }

    private static int issue(ReceptionService reception) {
        return reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), MANAGER).ticket().number();
    }

    private static String callOnBoard(int number) {
        return "#calling li[data-key='" + number + "|honcho-2']";
    }

    /** How the board reads a number out in Japanese: digit by digit. */
    private static String kana(int number) {
        String[] digits = {"ゼロ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"};
        return String.join(" ", String.valueOf(number).chars().mapToObj(c -> digits[c - '0']).toList());
    }

    private static String bodyAttribute(WebDriver driver, String name) {
        return driver.findElement(By.tagName("body")).getDomAttribute(name);
    }

    private static JavascriptExecutor js(Browser browser) {
        return (JavascriptExecutor) browser.driver();
    }

    private static int spoken(Browser board) {
        return ((Number) js(board).executeScript("return window.__spoken.length")).intValue();
    }

    /** Recovery: the watchdog's pause, the restart and each screen's next try. */
    private static <T> T waitLong(Browser browser, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(condition);
    }

    private static long postmasterPid(Path dir) throws Exception {
        return Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());
    }
}

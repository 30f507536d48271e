package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 14, item 3: after closing, before opening, on a Sunday, on a national holiday and in 年末年始 the public status,
 * the kiosk and the display board say so up front, with the office's hours and the next opening day; no department
 * reads 空いています / 待ち時間なし, the kiosk offers no department to choose, and it opens by itself at opening time.
 */
class OpeningStateScreensTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static SettableClock clock;
    private static TestApp app;
    private static Browser browser;
    /** The display board at a wall TV's size. */
    private static Browser wall;

    @BeforeAll
    static void start() {
        clock = new SettableClock();
        clock.set(LocalDateTime.of(2026, 12, 6, 10, 0));
        app = TestApp.start(Map.of("madoguchi.reception.opening-hours", "true",
                // The public status is rebuilt every second, so a moved clock shows at once.
                "madoguchi.liveinfo.refresh", "PT1S"), clock);
        browser = new Browser(1080, 1920);
        browser.signIn(app, "admin", TestApp.ADMIN_PASSWORD);
        wall = new Browser(1920, 1080);
        wall.signIn(app, "admin", TestApp.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (wall != null) {
            wall.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyPublicAndFloorScreenShowsTheClosedStatesUpFrontAndTheKioskOpensByItself() {
        // Monday 7 December 2026, 18:00: the day's reception is over; Tuesday is the next opening day.
        clock.set(LocalDateTime.of(2026, 12, 7, 18, 0));
        String status = publicStatus("ja", "本日の受付は終了しました");
        assertThat(status).contains("次の受付は 12月8日（火） 8:30 からです。").contains("8:30〜17:15")
                .doesNotContain("空いています").doesNotContain("待ち時間なし").contains("受付時間外");
        browser.screenshot("opening-public-status-after-closing");
        assertThat(phase()).isEqualTo("CLOSED_FOR_TODAY");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        kioskIsClosed("ja", "本日の受付は終了しました", "次の受付は 12月8日（火） 8:30 からです。");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        browser.screenshot("opening-kiosk-after-closing");
        board("本日の受付は終了しました", "Reception is closed for today");
        // The board's clock is the floor's, not the TV's own.
        assertThat(wall.driver().findElement(By.id("clock")).getText()).startsWith("18:0");
        assertThat(wall.seriousAccessibilityViolations()).isEmpty();
        wall.screenshot("opening-board-after-closing");
        staffNotice(browser, "/floor?office=honcho&lang=ja", "本日の受付は終了しました");
        staffNotice(browser, "/console/honcho-1", "本日の受付は終了しました");
        staffNotice(browser, "/live/honcho/forecast?lang=ja", "次の受付は 12月8日（火） 8:30 からです。");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        assertThat(publicStatus("en", "Reception is closed for today")).contains("Tuesday, December 8 at 8:30")
                .doesNotContain("Quiet").doesNotContain("No wait");
        kioskIsClosed("zh", "今天的受理已经结束", "12月8日");
        kioskIsClosed("ko", "오늘 접수는 종료되었습니다", "12월 8일");
        kioskIsClosed("ja-yasashii", "きょうの 受付(うけつけ)は おわりました", "12月8日");

        // Tuesday 07:45: before opening; the kiosk waiting on its screen opens by itself at 8:30.
        clock.set(LocalDateTime.of(2026, 12, 8, 7, 45));
        assertThat(phase()).isEqualTo("BEFORE_OPENING");
        assertThat(publicStatus("ja", "ただいま受付開始前です")).contains("本日は 8:30 から受付を始めます。")
                .doesNotContain("空いています").doesNotContain("待ち時間なし");
        // A console in use is not reloaded: its notice is rewritten in place when the office opens.
        staffNotice(wall, "/console/honcho-1", "ただいま受付開始前です");
        kioskIsClosed("ja", "ただいま受付開始前です", "本日は 8:30 から受付を始めます。");
        clock.set(LocalDateTime.of(2026, 12, 8, 8, 30));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(50))
                .ignoring(StaleElementReferenceException.class).until(d -> d.findElements(By.cssSelector("button.dept"))
                .stream().anyMatch(WebElement::isDisplayed));
        assertThat(browser.driver().findElement(By.id("kiosk")).isDisplayed()).isTrue();
        new WebDriverWait(wall.driver(), Duration.ofSeconds(50)).until(d -> !d.findElement(By.id("opening")).isDisplayed());
        assertThat(wall.driver().getCurrentUrl()).endsWith("/console/honcho-1");
        // Open again: the figures read as usual (nobody waits yet on this fresh day).
        assertThat(publicStatus("ja", "空いています")).doesNotContain("ただいま受付開始前です").doesNotContain("受付時間外");

        // The console reads times in Tokyo and waits by the floor's clock, not by the PC's (here days apart).
        clock.set(LocalDateTime.of(2026, 12, 8, 8, 31));
        // The database is shared with other test classes: only this ticket may wait, so its number is its own.
        app.resetReception();
        int number = app.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                List.of(new ItineraryStep("koseki-jumin", List.of())), null, null, null),
                Actor.staff(4701, Actor.Role.MANAGER, Set.of())).ticket().number();
        clock.set(LocalDateTime.of(2026, 12, 8, 8, 51));
        browser.driver().get(app.url("/console/honcho-1"));
        String row = browser.await(d -> d.findElements(By.cssSelector("#queue tr")).stream().map(WebElement::getText)
                .filter(t -> t.startsWith(number + " ")).findFirst().orElse(null));
        assertThat(row).contains("08:31").containsPattern("\\b2[01]分");

        // Sunday (from the same office calendar as the forecast), a national holiday and the year-end closure.
        clock.set(LocalDateTime.of(2026, 12, 13, 11, 0));
        assertThat(phase()).isEqualTo("CLOSED_DAY");
        assertThat(publicStatus("ja", "本日は閉庁日です")).contains("次の受付は 12月14日（月） 8:30 からです。")
                .doesNotContain("空いています");
        kioskIsClosed("ja", "本日は閉庁日です", "12月14日（月）");
        board("本日は閉庁日です", "Closed today");

        clock.set(LocalDateTime.of(2026, 12, 30, 10, 0));
        assertThat(phase()).isEqualTo("YEAR_END");
        assertThat(publicStatus("ja", "年末年始（12月29日〜1月3日）のため閉庁しています"))
                .contains("次の受付は 1月4日（月） 8:30 からです。").doesNotContain("空いています").doesNotContain("待ち時間なし");
        browser.screenshot("opening-public-status-year-end");
        kioskIsClosed("ja", "年末年始", "1月4日（月）");
        board("年末年始", "New Year holidays");
        wall.screenshot("opening-board-year-end");

        clock.set(LocalDateTime.of(2027, 1, 11, 9, 0));
        assertThat(phase()).isEqualTo("CLOSED_DAY");
        assertThat(publicStatus("ja", "本日は祝日（成人の日）のため閉庁しています")).contains("1月12日（火）");
        kioskIsClosed("en", "Closed today for a national holiday (Coming of Age Day)", "Tuesday, January 12");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }

    private static String phase() {
        Http.Response r = new Http(app).get("/api/v1/offices/honcho/opening");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body().replaceAll("(?s).*\"phase\"\\s*:\\s*\"([A-Z_]+)\".*", "$1");
    }

    /** The public status page's text once it shows {@code headline} (the status is rebuilt each second). */
    private static String publicStatus(String lang, String headline) {
        // The page may be drawn from the status of a moment ago and then reload itself into the new state.
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(d -> {
            d.get(app.url("/live/honcho?lang=" + lang));
            String text = d.findElement(By.tagName("body")).getText();
            return text.contains(headline) ? text : null;
        });
    }

    private static void kioskIsClosed(String lang, String headline, String next) {
        browser.driver().get(app.url("/kiosk?office=honcho&lang=" + lang));
        WebElement notice = browser.driver().findElement(By.id("opening"));
        assertThat(notice.isDisplayed()).isTrue();
        assertThat(notice.getText()).contains(headline).contains(next);
        // Nothing to choose, nothing to retry: the visitor sees at once that no ticket is issued now.
        assertThat(browser.driver().findElements(By.cssSelector("button.dept"))).noneMatch(WebElement::isDisplayed);
        assertThat(browser.driver().findElement(By.id("issue")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElement(By.id("retry")).isDisplayed()).isFalse();
    }

    private static void staffNotice(Browser on, String path, String text) {
        on.driver().get(app.url(path));
        WebElement notice = on.driver().findElement(By.id("opening"));
        assertThat(notice.isDisplayed()).as(path).isTrue();
        assertThat(notice.getText()).as(path).contains(text);
    }

    private static void board(String headline, String english) {
        wall.driver().get(app.url("/board?office=honcho&lang=ja"));
        WebElement notice = wall.await(d -> d.findElement(By.id("opening")));
        assertThat(notice.isDisplayed()).isTrue();
        assertThat(notice.getText()).contains(headline).contains(english).contains("8:30");
    }

    /** The application's clock, set to a moment in Tokyo and ticking on from there. */
    private static final class SettableClock extends Clock {
        private volatile Instant base = Instant.now();
        private volatile long setAtNanos = System.nanoTime();

        void set(LocalDateTime tokyo) {
            base = tokyo.atZone(TOKYO).toInstant();
            setAtNanos = System.nanoTime();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return base.plusNanos(System.nanoTime() - setAtNanos);
        }
    }
}

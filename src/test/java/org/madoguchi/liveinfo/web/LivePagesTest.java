package org.madoguchi.liveinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The public live pages in a real mobile-sized browser, without signing in. */
class LivePagesTest {

    private static final Actor MANAGER = Actor.staff(8101, Actor.Role.MANAGER, Set.of());
    private static Browser browser;
    private final TestApp app = TestApp.shared();
    private final ReceptionService reception = app.bean(ReceptionService.class);

    @BeforeAll
    static void openBrowser() {
        browser = new Browser(390, 844);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void reset() {
        app.resetReception();
        // Back to Japanese: the language choice is a cookie and persists between tests otherwise.
        browser.driver().get(app.url("/live/help?lang=ja"));
    }

    private Ticket issue(String... departments) {
        return reception.issue(new IssueTicket("honcho", java.util.Arrays.stream(departments)
                .map(d -> new ItineraryStep(d, List.of())).toList(), null, null, null), MANAGER).ticket();
    }

    private String token(Ticket ticket) {
        return app.jdbc().sql("SELECT public_token FROM reception.ticket WHERE id = :id").param("id", ticket.id())
                .query(String.class).single();
    }

    private WebDriver d() {
        return browser.driver();
    }

    private void awaitConnected() {
        browser.await(x -> "connected".equals(x.findElement(By.tagName("body")).getDomAttribute("data-live")));
    }

    /** The cached status follows commits within the coalescing interval; the reset between tests is not an event. */
    private void awaitWaiting(String department, int waiting) {
        Http http = new Http(app);
        long until = System.currentTimeMillis() + 10_000;
        while (true) {
            var status = http.get("/api/v1/public/offices/honcho/status").json();
            for (var d : status.path("departments")) {
                if (d.path("id").asString().equals(department) && d.path("waiting").asInt() == waiting) {
                    return;
                }
            }
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("status never showed " + waiting + " waiting at " + department + ": " + status);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String dept(String id) {
        return d().findElement(By.cssSelector("li[data-dept='" + id + "']")).getText();
    }

    @Test
    void theOfficePageShowsQueuesAndACallArrivesWithoutReload() {
        issue("koseki-jumin");
        Ticket second = issue("koseki-jumin");
        Ticket first = reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("kokuho-nenkin", List.of())),
                null, null, null), MANAGER).ticket();
        awaitWaiting("koseki-jumin", 2);
        d().get(app.url("/live/honcho"));
        assertThat(d().findElement(By.tagName("h1")).getText()).contains("本庁舎南館");
        assertThat(dept("koseki-jumin")).contains("戸籍住民課").contains("2人")
                .contains("やや混雑"); // 2 waiting with no counter open: about 25 minutes, past busy-minutes (15)
        assertThat(dept("choju")).contains("0人").contains("空いています").contains("待ち時間なし");
        assertThat(d().findElement(By.id("as-of")).getText()).matches("\\d\\d:\\d\\d:\\d\\d");
        awaitConnected();
        ((JavascriptExecutor) d()).executeScript("window.__sameDocument = true");

        reception.openCounter("honcho-11", MANAGER);
        reception.callNext("honcho-11", MANAGER).orElseThrow();

        browser.await(x -> dept("kokuho-nenkin").contains(first.number() + " 11番窓口"));
        assertThat(((JavascriptExecutor) d()).executeScript("return window.__sameDocument")).isEqualTo(true);
        // The call may be drawn before the new count arrives; wait for both.
        browser.await(x -> dept("kokuho-nenkin").contains("0人"));
        assertThat(dept("koseki-jumin")).doesNotContain(String.valueOf(second.number()) + " ");
        assertThat(browser.seriousAccessibilityViolations()).as("status page accessibility").isEmpty();
        browser.screenshot("live-status");
    }

    @Test
    void theTicketPageShowsThePositionThenTheCallLive() {
        Ticket ahead = issue("kokuho-nenkin");
        Ticket mine = issue("koseki-jumin", "kokuho-nenkin");
        reception.openCounter("honcho-3", MANAGER);
        reception.callNext("honcho-3", MANAGER).orElseThrow();
        var visit = reception.ticket(mine.id(), MANAGER).visits().get(0);
        reception.start(visit.id(), MANAGER);
        reception.complete(visit.id(), MANAGER);

        d().get(app.url("/t/" + token(mine)));
        assertThat(d().findElement(By.tagName("h1")).getText()).contains(String.valueOf(mine.number()));
        browser.await(x -> x.findElement(By.id("steps")).getText().contains("完了")
                && x.findElement(By.id("steps")).getText().contains("あなたの前に1人"));
        awaitConnected();
        assertThat(browser.seriousAccessibilityViolations()).as("ticket page accessibility").isEmpty();
        // This application has no SMTP server: the page does not offer a notification it cannot send.
        assertThat(d().findElements(By.id("mail-link"))).isEmpty();

        reception.openCounter("honcho-11", MANAGER);
        reception.callNext("honcho-11", MANAGER).orElseThrow(); // calls the visitor ahead
        browser.await(x -> x.findElement(By.id("steps")).getText().contains("次にお呼びします"));
        reception.openCounter("honcho-12", MANAGER);
        reception.callNext("honcho-12", MANAGER).orElseThrow();
        browser.await(x -> !x.findElements(By.id("callout")).isEmpty());
        browser.await(x -> x.findElement(By.id("callout")).getText().contains("お呼びしています")
                && x.findElement(By.id("callout")).getText().contains("12番窓口")
                && x.findElement(By.id("steps")).getText().contains("12番窓口へお越しください"));
        // The polite region speaks the visitor's own call, not the queue moving.
        browser.await(x -> x.findElement(By.id("announce")).getAttribute("textContent").contains("12番窓口"));
        assertThat(browser.seriousAccessibilityViolations()).as("called ticket page accessibility").isEmpty();
        browser.screenshot("live-ticket");
        assertThat(ahead.number()).isLessThan(mine.number());
    }

    @Test
    void theLanguageChoiceIncludingEasyJapanesePersistsAcrossPages() {
        Ticket mine = issue("koseki-jumin");
        d().get(app.url("/live/honcho"));
        d().findElement(By.cssSelector(".langs a[lang='ja'][href*='ja-yasashii']")).click();
        browser.await(x -> x.getCurrentUrl().contains("lang=ja-yasashii"));
        assertThat(dept("koseki-jumin")).contains("戸籍住民課(こせきじゅうみんか)").contains("すいています");
        assertThat(d().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ja");
        assertThat(browser.seriousAccessibilityViolations()).as("easy Japanese status page").isEmpty();

        d().get(app.url("/t/" + token(mine)));
        assertThat(d().findElement(By.tagName("h1")).getText()).contains("受付番号(うけつけばんごう)");
        assertThat(d().findElement(By.cssSelector(".langs a[aria-current='true']")).getText()).isEqualTo("やさしい日本語");

        for (String lang : List.of("en", "zh", "ko")) {
            d().get(app.url("/live/honcho?lang=" + lang));
            d().get(app.url("/t/" + token(mine)));
            assertThat(d().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(lang);
            assertThat(browser.seriousAccessibilityViolations()).as(lang + " ticket page").isEmpty();
        }
        assertThat(d().findElement(By.tagName("h1")).getText()).contains("접수 번호");
        d().get(app.url("/live/help"));
        assertThat(d().findElement(By.tagName("h1")).getText()).isEqualTo("창구 이용 방법");
        d().get(app.url("/live/help?lang=en"));
        assertThat(d().findElement(By.tagName("h1")).getText()).isEqualTo("How to use the counters");
    }

    @Test
    void theHelpPageExplainsTheFloorTheQrPageAndTheHandOverRule() {
        d().get(app.url("/live/help"));
        String text = d().findElement(By.id("main")).getText();
        assertThat(text).contains("受付票の二次元コード").contains("最初に受付票を受け取った時刻の順");
        assertThat(browser.seriousAccessibilityViolations()).as("help page accessibility").isEmpty();
    }

    @Test
    void aWrongTokenAndAnUnknownOfficeGetAJapaneseMessage() {
        Ticket real = issue("koseki-jumin");
        String token = token(real);
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        d().get(app.url("/t/" + wrong));
        assertThat(d().findElement(By.id("problem")).getText()).contains("この受付票は見つかりません");
        assertThat(browser.seriousAccessibilityViolations()).as("not found page accessibility").isEmpty();
        d().get(app.url("/live/nowhere"));
        assertThat(d().findElement(By.id("problem")).getText()).contains("お探しの庁舎は見つかりません");

        Http http = new Http(app);
        Http.Response wrongPage = http.get("/t/" + wrong);
        Http.Response garbage = http.get("/t/not-a-token-at-all-xyz");
        assertThat(wrongPage.status()).isEqualTo(404);
        assertThat(garbage.status()).isEqualTo(404);
        Http.Response wrongApi = http.get("/api/v1/public/tickets/" + wrong);
        Http.Response garbageApi = http.get("/api/v1/public/tickets/zzz");
        assertThat(wrongApi.status()).isEqualTo(404);
        assertThat(wrongApi.json().path("detail").asString()).isEqualTo(garbageApi.json().path("detail").asString())
                .contains("見つかりません");
        Http.Response office = http.get("/api/v1/public/offices/nowhere/status");
        assertThat(office.status()).isEqualTo(404);
        assertThat(office.json().path("detail").asString()).contains("庁舎は見つかりません");
    }

    @Test
    void aTicketOfAnEarlierServiceDayHasExpired() {
        Ticket old = issue("koseki-jumin");
        app.jdbc().sql("UPDATE reception.ticket SET issued_at = issued_at - interval '1 day', service_date = service_date - 1 WHERE id = :id")
                .param("id", old.id()).update();
        d().get(app.url("/t/" + token(old)));
        assertThat(d().findElement(By.id("problem")).getText()).contains("使えなくなりました");
        assertThat(new Http(app).get("/t/" + token(old) + "/steps").status()).isEqualTo(410);
        assertThat(new Http(app).get("/t/" + token(old)).status()).isEqualTo(410);
        Http.Response api = new Http(app).get("/api/v1/public/tickets/" + token(old));
        assertThat(api.status()).isEqualTo(410);
        assertThat(api.json().path("code").asString()).isEqualTo("ticket-expired");
    }
}

package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** The display board in a real browser paired as a DISPLAY device: calls appear, are read out in order, and it is accessible. */
class BoardScreenTest {

    private static final Actor MANAGER = Actor.staff(7001, Actor.Role.MANAGER, Set.of());
    private static final Actor KOSEKI_A = Actor.staff(7002, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static final Actor KOSEKI_B = Actor.staff(7003, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static final Actor KOKUHO = Actor.staff(7004, Actor.Role.STAFF, Set.of("kokuho-nenkin"));

    /** Replaces speech with a recorder that ends each utterance a moment later, like a fast voice would. */

    private static Browser browser;
    private static String displayToken;
    private final TestApp app = TestApp.shared();
    private final ReceptionService reception = app.bean(ReceptionService.class);

    @BeforeAll
    static void pairDisplay() {
        TestApp app = TestApp.shared();
        Http.Response device = new Http(app).admin().post("/api/v1/admin/devices", Http.json(Map.of(
                "name", "1階呼出モニター " + UUID.randomUUID().toString().substring(0, 6), "kind", "DISPLAY",
                "officeId", "honcho")));
        assertThat(device.status()).as(device.body()).isEqualTo(201);
        String token = device.json().path("token").asString();
        displayToken = token;
        browser = new Browser(1920, 1080);
        browser.driver().get(app.url("/devices/pair"));
        browser.driver().findElement(By.id("token")).sendKeys(token);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().contains("/board") && !d.findElements(By.id("calling")).isEmpty());
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
    }

    private Ticket issue(String department) {
        return reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep(department, List.of())), null, null,
                null), MANAGER).ticket();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser.driver();
    }

    /** Opens the board and waits until its event stream is connected, so no call can slip past it. */
    private void openBoard() {
        browser.driver().get(app.url("/board"));
        browser.await(d -> "connected".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
    }

    private void fitViewport(int width, int height) {
        @SuppressWarnings("unchecked")
        List<Number> inner = (List<Number>) js().executeScript("return [window.innerWidth, window.innerHeight]");
        Dimension outer = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(outer.getWidth() + width - inner.get(0).intValue(),
                outer.getHeight() + height - inner.get(1).intValue()));
    }

    private WebElement awaitCall(int number, String counterId) {
        By call = By.cssSelector("#calling li[data-key='" + number + "|" + counterId + "']");
        return browser.await(d -> d.findElements(call).stream().findFirst().orElse(null));
    }

    @Test
    void aCallAppearsWithItsCounterAndIsReadOutJapaneseThenEnglishWithoutCuttingIn() {
        openBoard();
        js().executeScript(ScreenFixtures.SPEECH_RECORDER);
        // One touch of the screen, as the floor staff do when they switch the board on: browsers allow sound after it.
        browser.driver().findElement(By.cssSelector(".board-head h1")).click();
        assertThat(browser.driver().findElement(By.id("sound")).getDomAttribute("aria-pressed")).isEqualTo("true");

        Ticket first = issue("koseki-jumin");
        Ticket second = issue("koseki-jumin");
        reception.openCounter("honcho-3", KOSEKI_A);
        reception.openCounter("honcho-4", KOSEKI_B);
        reception.callNext("honcho-3", KOSEKI_A).orElseThrow();
        reception.callNext("honcho-4", KOSEKI_B).orElseThrow();

        WebElement call = awaitCall(first.number(), "honcho-3");
        assertThat(call.findElement(By.className("call-number")).getText()).isEqualTo(String.valueOf(first.number()));
        assertThat(call.getText()).contains("3番窓口").contains("Counter 3");
        assertThat(awaitCall(second.number(), "honcho-4").getText()).contains("4番窓口");
        // The new calls are highlighted for people who cannot hear the board.
        assertThat(call.getDomAttribute("class")).contains("fresh");

        browser.await(d -> ((Number) js().executeScript("return window.__spoken.length")).intValue() >= 4);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> spoken = (List<Map<String, String>>) js().executeScript("return window.__spoken");
        assertThat(spoken).extracting(u -> u.get("lang")).containsExactly("ja-JP", "en-US", "ja-JP", "en-US");
        assertThat(spoken.get(0).get("text")).contains(kana(first.number())).contains("3番窓口");
        assertThat(spoken.get(1).get("text")).contains("Counter 3");
        assertThat(spoken.get(2).get("text")).contains(kana(second.number())).contains("4番窓口");
        assertThat(spoken.get(3).get("text")).contains("Counter 4");
        // Screen readers hear the calls too, once, through the polite live region.
        browser.await(d -> !d.findElement(By.id("announcer")).getText().isBlank());
        assertThat(browser.driver().findElement(By.id("announcer")).getText()).contains("3番窓口");
    }

    private static String kana(int number) {
        String[] kana = {"ゼロ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"};
        return String.join(" ", String.valueOf(number).chars().mapToObj(c -> kana[c - '0']).toList());
    }

    @Test
    void numbersAreReadDigitByDigit() {
        openBoard();
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) js().executeScript(
                "return MadoguchiBoard.announcementTexts(102, '3番窓口', 'Counter 3')");
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).contains("いち ゼロ に").contains("番").contains("3番窓口").doesNotContain("百");
        assertThat(texts.get(1)).contains("one zero two").contains("Counter 3").doesNotContain("hundred");
    }

    @Test
    void theBoardIsAccessibleAndIsPhotographedForTheDocs() {
        // A morning scene: several departments with queues, three numbers being called, one earlier call.
        for (int i = 0; i < 6; i++) {
            issue("koseki-jumin");
        }
        for (int i = 0; i < 3; i++) {
            issue("kokuho-nenkin");
        }
        issue("kosodate");
        reception.openCounter("honcho-1", KOSEKI_A);
        reception.openCounter("honcho-2", KOSEKI_B);
        reception.openCounter("honcho-11", KOKUHO);
        var earlier = reception.callNext("honcho-1", KOSEKI_A).orElseThrow();
        reception.start(earlier.id(), KOSEKI_A);
        reception.complete(earlier.id(), KOSEKI_A);
        reception.callNext("honcho-1", KOSEKI_A).orElseThrow();
        reception.callNext("honcho-2", KOSEKI_B).orElseThrow();
        reception.callNext("honcho-11", KOKUHO).orElseThrow();

        // The picture is of the page itself at full HD, without the window's own bars.
        fitViewport(1920, 1080);
        openBoard();
        assertThat(browser.driver().findElements(By.cssSelector("#calling li"))).hasSize(3);
        assertThat(browser.driver().findElement(By.id("recent")).getText()).contains("1");
        assertThat(browser.driver().findElement(By.cssSelector("#waiting tr[data-department='koseki-jumin'] .waiting-count"))
                .getText()).isEqualTo("3人");
        assertThat(browser.driver().findElement(By.cssSelector(".board-rule")).getText()).contains("後の番号が先に呼ばれる");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        browser.screenshot("board");
    }

    @Test
    void theBoardRendersInEveryLanguageAndShowsOnlyTheDevicesOffice() {
        Http display = new Http(app).bearer(displayToken);
        for (String lang : List.of("ja", "en", "zh", "ko")) {
            Http.Response page = display.get("/board?lang=" + lang);
            assertThat(page.status()).as(lang).isEqualTo(200);
            assertThat(page.body()).contains("<html lang=\"" + lang + "\"");
        }
        assertThat(display.get("/board?lang=en").body()).contains("Now calling").contains("City Hall South Building");
        // A display registered for the main building shows it even when the address names another office.
        assertThat(display.get("/board?office=akatsuka&lang=ja").body()).contains("本庁舎南館").doesNotContain("赤塚支所");
        Http.Response recent = display.get("/board/recent");
        assertThat(recent.status()).isEqualTo(200);
        assertThat(recent.body()).isEqualTo("[]");
    }
}

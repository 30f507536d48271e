package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The display board keeps calling numbers when its event stream is refused: it polls the summary, shows and reads
 * out new calls, and goes back to the stream once there is room again, without reading a call out twice.
 */
class BoardFallbackTest {

    private static final Actor MANAGER = Actor.staff(7101, Actor.Role.MANAGER, Set.of());
    private static final Actor KOSEKI = Actor.staff(7102, Actor.Role.STAFF, Set.of("koseki-jumin"));

    private static TestApp app;
    private static Browser browser;
    private static HttpResponse<InputStream> other;

    @BeforeAll
    static void start() throws Exception {
        // Room for one staff-screen stream on this node, which another screen takes before the board is paired.
        app = TestApp.start(Map.of("madoguchi.reception.max-live-subscribers", "1"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        other = client.sendAsync(HttpRequest.newBuilder(URI.create(app.url("/api/v1/offices/honcho/events")))
                        .header("Authorization", "Bearer " + app.device("DISPLAY", "honcho")).build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(15, TimeUnit.SECONDS);
        assertThat(other.statusCode()).isEqualTo(200);
        browser = new Browser(1280, 800);
        browser.pair(app, app.device("DISPLAY", "honcho"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser.driver();
    }

    private String live() {
        return browser.driver().findElement(By.tagName("body")).getDomAttribute("data-live");
    }

    private int spoken() {
        return ((Number) js().executeScript("return window.__spoken.length")).intValue();
    }

    /** Issues a ticket and calls it at counter 2; returns its number. */
    private int issueAndCall(ReceptionService reception) {
        Ticket ticket = reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), MANAGER).ticket();
        var visit = reception.callNext("honcho-2", KOSEKI).orElseThrow();
        called = visit.id();
        return ticket.number();
    }

    private long called;

    private WebElement awaitCall(int number) {
        return browser.await(d -> d.findElements(By.cssSelector("#calling li[data-key='" + number + "|honcho-2']"))
                .stream().findFirst().orElse(null));
    }

    @Test
    void aRefusedBoardPollsAndStillCallsNumbersThenReturnsToItsStream() throws Exception {
        app.resetReception();
        ReceptionService reception = app.bean(ReceptionService.class);
        reception.openCounter("honcho-2", KOSEKI);
        browser.driver().get(app.url("/board"));
        browser.await(d -> "polling".equals(live()));
        js().executeScript(ScreenFixtures.SPEECH_RECORDER);
        browser.driver().findElement(By.cssSelector(".board-head h1")).click();

        WebElement call = awaitCall(issueAndCall(reception));
        assertThat(call.getDomAttribute("class")).contains("fresh");
        browser.await(d -> spoken() >= 2);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> texts = (List<Map<String, String>>) js().executeScript("return window.__spoken");
        assertThat(texts.get(0).get("text")).contains("2番窓口");
        assertThat(texts.get(1).get("lang")).isEqualTo("en-US");
        browser.await(d -> !d.findElement(By.id("announcer")).getText().isBlank());

        // The other screen goes away: the board finds room on its next attempt and follows the stream again.
        other.body().close();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(45)).until(d -> "connected".equals(live()));

        // A call now comes as an event and in the summary: it is read out once.
        reception.start(called, KOSEKI);
        reception.complete(called, KOSEKI);
        int second = issueAndCall(reception);
        awaitCall(second);
        browser.await(d -> spoken() >= 4);
        Thread.sleep(4000);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> all = (List<Map<String, String>>) js().executeScript("return window.__spoken");
        assertThat(all).hasSize(4);
        assertThat(all.get(2).get("text")).contains("2番窓口");
    }
}

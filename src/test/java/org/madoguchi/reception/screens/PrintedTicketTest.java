package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The ticket a visitor takes away says how many are ahead at each department and what they came for, points at its
 * QR code without saying where it is, and prints on receipt paper (or A4) whatever page size other screens use.
 */
class PrintedTicketTest {

    private static final TestApp app = TestApp.shared();
    private static Browser kiosk;
    private static String kioskToken;

    @BeforeAll
    static void open() {
        app.resetReception();
        kioskToken = app.device("KIOSK", "honcho");
        kiosk = new Browser(1080, 1920);
        ScreenFixtures.pair(kiosk, app, kioskToken);
    }

    @AfterAll
    static void close() {
        kiosk.close();
    }

    @Test
    void theTicketShowsWhoIsAheadAndTheChosenProcedures() {
        issue(List.of(Map.of("departmentId", "koseki-jumin")));
        issue(List.of(Map.of("departmentId", "koseki-jumin")));
        String token = issue(List.of(Map.of("departmentId", "koseki-jumin", "procedureIds", List.of("tennyu")),
                Map.of("departmentId", "kokuho-nenkin")));

        kiosk.driver().get(app.url("/kiosk/tickets/" + token));
        String text = kiosk.driver().findElement(By.id("route")).getText();
        assertThat(text).contains("戸籍住民課").contains("前に 2人").contains("転入届");
        assertThat(kiosk.driver().findElement(By.cssSelector(".qr p")).getText()).doesNotContain("右").doesNotContain("左");
        assertThat(page("#main")).isEqualTo("receipt");
        assertThat(kiosk.seriousAccessibilityViolations()).isEmpty();
        kiosk.screenshot("printed-ticket");

        kiosk.driver().get(app.url("/kiosk/tickets/" + token + "?paper=a4"));
        assertThat(page("#main")).isEqualTo("ticket-a4");
    }

    private static String issue(List<Map<String, Object>> itinerary) {
        Http.Response issued = new Http(app).bearer(kioskToken).post("/api/v1/offices/honcho/tickets",
                Http.json(Map.of("itinerary", itinerary)));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().path("publicToken").asString();
    }

    private static String page(String selector) {
        return (String) ((JavascriptExecutor) kiosk.driver()).executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).page;", selector);
    }
}

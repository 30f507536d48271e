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
import org.openqa.selenium.WebElement;

/** The floor manager's overview: counts match the floor, long waits raise a marked alert, only managers see it. */
class FloorOverviewTest {

    private static final String PASSWORD = "floor-manager-password";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final Actor MANAGER = Actor.staff(7101, Actor.Role.MANAGER, Set.of());
    private static final Actor KOSEKI_A = Actor.staff(7102, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static final Actor KOSEKI_B = Actor.staff(7103, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static final Actor KOKUHO = Actor.staff(7104, Actor.Role.STAFF, Set.of("kokuho-nenkin"));

    private static Browser browser;
    private final TestApp app = TestApp.shared();
    private final ReceptionService reception = app.bean(ReceptionService.class);
    private final Http anonymous = new Http(app);

    @BeforeAll
    static void signIn() {
        TestApp app = TestApp.shared();
        Http admin = new Http(app).admin();
        for (String role : List.of("MANAGER", "STAFF")) {
            Http.Response created = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login",
                    role.toLowerCase() + "-floor-" + SUFFIX, "displayName", "フロア " + role, "password", PASSWORD,
                    "role", role, "departments", role.equals("STAFF") ? List.of("koseki-jumin") : List.of())));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        browser = new Browser(1440, 1000);
        browser.signIn(app, "manager-floor-" + SUFFIX, PASSWORD);
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

    private void openFloor() {
        browser.driver().get(app.url("/floor?office=honcho"));
        browser.await(d -> "connected".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
    }

    /** The row's cells; the page may redraw its rows while we read (a stale element), then we read again. */
    private List<String> cells(String departmentId) {
        return browser.await(d -> {
            WebElement row = d.findElement(By.cssSelector("#rows tr[data-department='" + departmentId + "']"));
            return row.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList();
        });
    }

    private int countersOf(String departmentId) {
        return app.jdbc().sql("SELECT count(*) FROM reception.counter_department WHERE department_id = :d")
                .param("d", departmentId).query(Integer.class).single();
    }

    @Test
    void theOverviewFollowsTheFloorAndMarksALongWait() {
        openFloor();
        assertThat(browser.driver().findElement(By.id("alerts")).getText()).isEqualTo("要対応の課はありません。");

        Ticket oldest = issue("koseki-jumin");
        issue("koseki-jumin");
        issue("koseki-jumin");
        issue("kokuho-nenkin");
        reception.openCounter("honcho-1", KOSEKI_A);
        reception.openCounter("honcho-2", KOSEKI_B);
        reception.openCounter("honcho-11", KOKUHO);
        reception.callNext("honcho-1", KOSEKI_A).orElseThrow();
        // The second koseki visitor has been waiting 35 minutes: past the 20-minute threshold.
        Ticket waitingLong = reception.ticket(
                app.jdbc().sql("SELECT ticket_id FROM reception.visit WHERE department_id = 'koseki-jumin' AND status = 'WAITING' "
                        + "ORDER BY original_issued_at LIMIT 1").query(UUID.class).single(), MANAGER);
        assertThat(waitingLong.number()).isNotEqualTo(oldest.number());
        app.jdbc().sql("UPDATE reception.visit SET queued_at = queued_at - interval '35 minutes' WHERE ticket_id = :t")
                .param("t", waitingLong.id()).update();
        long kokuhoVisit = reception.callNext("honcho-11", KOKUHO).orElseThrow().id();
        reception.markAbsent(kokuhoVisit, KOKUHO);

        By kosekiAlert = By.cssSelector("#rows tr.alert-row[data-department='koseki-jumin']");
        browser.await(d -> !d.findElements(kosekiAlert).isEmpty() && cells("kokuho-nenkin").get(4).equals("1"));
        assertThat(cells("koseki-jumin")).containsExactly("2", "1", "35分", "2 / " + countersOf("koseki-jumin"), "0",
                "要対応（待ち時間超過）");
        assertThat(cells("kokuho-nenkin")).containsExactly("0", "0", "待ちなし", "1 / " + countersOf("kokuho-nenkin"), "1",
                "通常");
        assertThat(browser.driver().findElements(By.cssSelector("#rows tr.alert-row"))).hasSize(1);
        assertThat(browser.driver().findElement(By.id("alerts")).getText()).isEqualTo("要対応の課が1件あります。");
        assertThat(browser.driver().findElement(By.id("total-waiting")).getText()).isEqualTo("2");
        assertThat(browser.driver().findElement(By.id("total-absent")).getText()).isEqualTo("1");
        // The alert is in words, not only in colour.
        assertThat(browser.driver().findElement(kosekiAlert).getText()).contains("要対応");

        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        browser.screenshot("floor");
    }

    @Test
    void theServerRenderedPageAlreadyShowsTheAlert() {
        issue("kosodate");
        app.jdbc().sql("UPDATE reception.visit SET queued_at = queued_at - interval '21 minutes'").update();
        openFloor();
        assertThat(cells("kosodate")).containsExactly("1", "0", "21分", "0 / " + countersOf("kosodate"), "0",
                "要対応（待ち時間超過）");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void onlyManagersAndAdministratorsMayReadTheFloorStatus() {
        issue("koseki-jumin");
        Http.Response manager = anonymous.basic("manager-floor-" + SUFFIX, PASSWORD).get("/api/v1/offices/honcho/floor-status");
        assertThat(manager.status()).as(manager.body()).isEqualTo(200);
        assertThat(manager.json().path("waitAlertSeconds").asLong()).isEqualTo(1200);
        var koseki = manager.json().path("departments").get(0);
        assertThat(koseki.path("id").asString()).isEqualTo("koseki-jumin");
        assertThat(koseki.path("waiting").asInt()).isEqualTo(1);
        assertThat(koseki.path("alert").asBoolean()).isFalse();
        assertThat(anonymous.admin().get("/api/v1/offices/honcho/floor-status").status()).isEqualTo(200);

        Http.Response staff = anonymous.basic("staff-floor-" + SUFFIX, PASSWORD).get("/api/v1/offices/honcho/floor-status");
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.get("/api/v1/offices/honcho/floor-status").status()).isEqualTo(401);
        assertThat(anonymous.basic("staff-floor-" + SUFFIX, PASSWORD).get("/floor").status()).isEqualTo(403);
        for (String lang : List.of("ja", "en", "zh", "ko")) {
            Http.Response page = anonymous.basic("manager-floor-" + SUFFIX, PASSWORD).get("/floor?lang=" + lang);
            assertThat(page.status()).as(lang).isEqualTo(200);
            assertThat(page.body()).contains("<html lang=\"" + lang + "\"");
        }
    }
}

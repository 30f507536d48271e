package org.madoguchi.reception.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.reception.BusinessClock;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 14, item 4: the demo started at 23:30 in Tokyo, with the real closing of the day switched on and checked every
 * second, still shows a busy March Monday: queues in several departments, hand-overs, absences and the elderly
 * departments' shared counter at work, and none of its tickets is closed as unserved (未対応).
 */
class DemoAtNightTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String PASSWORD = "yoru-no-floor-kakunin-2026";

    /** What the floor has shown so far: the most waiting at once, per department. */
    private final Map<String, Integer> mostWaiting = new HashMap<>();
    private int mostDepartmentsWaiting;

    @Test
    void aDemoStartedAtNightShowsABusyMarchMondayAndTheRealClosingLeavesItAlone(@TempDir Path dir) {
        Instant night = LocalDate.now(TOKYO).atTime(23, 30).atZone(TOKYO).toInstant();
        // As in production the day closes at closing time, here checked every second.
        TestApp app = DemoApps.start(dir, night, Map.of("madoguchi.reception.auto-close-day", "true",
                "madoguchi.reception.close-check-interval", "PT1S", "madoguchi.reception.absent-check-interval", "PT1S"));
        Clock real = app.bean(Clock.class);
        try {
            ReceptionService reception = app.bean(ReceptionService.class);
            // Watch the floor until it is busy; the demo's day must not reach its own closing time first.
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!busy(app, reception)) {
                assertThat(System.nanoTime() < deadline && !pastFour(app)).as("the floor never got busy: most waiting "
                        + "%s, hand-overs %d, absences %d, elderly departments called at 31-34 %d", mostWaiting,
                        count(app, "HANDED_OVER"), count(app, "ABSENT"), elderlyDepartmentsCalled(app)).isTrue();
                DemoApps.pause(500);
            }
            assertThat(pastFour(app)).as("the demo's day had reached 16:00").isFalse();
            assertThat(LocalDateTime.ofInstant(real.instant(), TOKYO).getHour()).as("the real clock").isIn(23, 0);

            // The demo replays a March Monday, whatever the real date.
            List<LocalDate> days = app.jdbc().sql("SELECT DISTINCT service_date FROM reception.ticket")
                    .query(LocalDate.class).list();
            assertThat(days).hasSize(1);
            assertThat(days.get(0).getMonth()).isEqualTo(Month.MARCH);
            assertThat(days.get(0).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(LocalDateTime.ofInstant(app.bean(BusinessClock.class).instant(), TOKYO).toLocalDate())
                    .isEqualTo(days.get(0));
            // The real clock's closing has run every second since 23:30, yet the demo's day is open and untouched.
            assertThat(app.jdbc().sql("SELECT count(*) FROM reception.day_closing").query(Integer.class).single()).isZero();
            assertThat(app.jdbc().sql("SELECT count(*) FROM reception.visit WHERE status = 'UNSERVED'")
                    .query(Integer.class).single()).isZero();

            screenshots(app);
        } finally {
            app.close();
        }
    }

    private boolean busy(TestApp app, ReceptionService reception) {
        OfficeSummary summary = reception.summary("honcho");
        int departments = 0;
        for (OfficeSummary.Department d : summary.departments()) {
            mostWaiting.merge(d.id(), d.waiting(), Math::max);
            departments += d.waiting() > 0 ? 1 : 0;
        }
        mostDepartmentsWaiting = Math.max(mostDepartmentsWaiting, departments);
        return mostDepartmentsWaiting >= 4
                && mostWaiting.getOrDefault("koseki-jumin", 0) >= 5 && mostWaiting.getOrDefault("kokuho-nenkin", 0) >= 3
                && count(app, "HANDED_OVER") >= 3 && count(app, "ABSENT") >= 1 && elderlyDepartmentsCalled(app) >= 2;
    }

    /** Whether the floor's latest event happened at 16:00 or later, in the office's time. */
    private static boolean pastFour(TestApp app) {
        return app.jdbc().sql("SELECT max(occurred_at) FROM reception.event").query(OffsetDateTime.class)
                .optional().map(t -> t.atZoneSameInstant(TOKYO).getHour() >= 16).orElse(false);
    }

    private static int count(TestApp app, String type) {
        return app.jdbc().sql("SELECT count(*) FROM reception.event WHERE type = :t").param("t", type)
                .query(Integer.class).single();
    }

    /** Departments whose visitors were called to the shared elderly counters (高齢者総合相談窓口, 31 to 34). */
    private static int elderlyDepartmentsCalled(TestApp app) {
        return app.jdbc().sql("""
                        SELECT count(DISTINCT department_id) FROM reception.event
                        WHERE type = 'CALLED' AND counter_id IN ('honcho-31', 'honcho-32', 'honcho-33', 'honcho-34')""")
                .query(Integer.class).single();
    }

    /** The floor manager's overview and the display board, as they look at night with the demo on. */
    private static void screenshots(TestApp app) {
        Http admin = new Http(app).admin();
        Http.Response created = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false,
                "login", "demo-night-manager", "displayName", "フロア 夜間", "password", PASSWORD, "role", "MANAGER",
                "departments", List.of())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try (Browser browser = new Browser(1440, 1000)) {
            browser.signIn(app, "demo-night-manager", PASSWORD);
            browser.driver().get(app.url("/floor?office=honcho"));
            browser.await(d -> "connected".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
            String waiting = browser.await(d -> {
                String total = d.findElement(By.id("total-waiting")).getText();
                return total.matches("\\d+") && Integer.parseInt(total) > 0 ? total : null;
            });
            assertThat(Integer.parseInt(waiting)).isPositive();
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#rows tr[data-department]"));
            assertThat(rows).isNotEmpty();
            browser.screenshot("demo-floor-at-night");
        }
        try (Browser board = new Browser(1920, 1080)) {
            board.pair(app, app.device("DISPLAY", "honcho"));
            // A simulated call lasts a fraction of a real second at this speed: the board shows the demo's calls
            // now or among the recent ones.
            board.await(d -> !d.findElements(By.cssSelector("#calling li, #recent li")).isEmpty() ? true : null);
            board.screenshot("demo-board-at-night");
        }
    }
}

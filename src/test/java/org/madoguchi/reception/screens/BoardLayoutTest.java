package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * A busy floor calls many numbers at once. On a 1920×1080 wall TV the board must keep every called number readable
 * from ten metres, with its counter on one line, and keep the recent calls on screen, for 1 to 40 calls and the
 * longest department names and three-digit counters. Many wall TVs of 32 inches have 1366×768 pixels: there too every
 * label stays inside its tile. The floor is a test office of its own with 40 counters, in a database of its own.
 */
class BoardLayoutTest {

    private static final Actor MANAGER = Actor.staff(7301, Actor.Role.MANAGER, Set.of());
    /** About 40 mm on a 55-inch screen: the least a number may be. */
    private static final double MIN_NUMBER_PX = 60;

    @TempDir
    static Path dir;
    private static TestApp app;
    private static Browser board;
    private static Browser smallTv;

    @BeforeAll
    static void busyFloor() {
        app = TestApp.start(Map.of("madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.admin.password-file", dir.resolve("pw.txt").toString()));
        var jdbc = app.jdbc();
        jdbc.sql("""
                INSERT INTO reception.office (id, name_ja, name_en, opens_at, closes_at)
                VALUES ('busy', '試験庁舎', 'Test Building', '00:00', '23:59')""").update();
        jdbc.sql("""
                INSERT INTO reception.department (id, office_id, name_ja, name_en, floor, area, linked, sort_order) VALUES
                ('busy-long', 'busy', '子育て支援課（子どもの手当医療係）', 'Child Allowances and Medical Aid for Families', '2階', 'D', true, 10),
                ('busy-short', 'busy', '課税課', 'Taxation', '3階', 'E', true, 20)""").update();
        jdbc.sql("""
                INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
                SELECT 'busy-' || n, 'busy', NULL, (100 + n) || '番窓口', 'Counter ' || (100 + n)
                FROM generate_series(1, 40) n""").update();
        jdbc.sql("""
                INSERT INTO reception.counter_department (counter_id, department_id)
                SELECT 'busy-' || n, CASE WHEN n % 2 = 0 THEN 'busy-long' ELSE 'busy-short' END
                FROM generate_series(1, 40) n""").update();
        board = new Browser(1920, 1080);
        ScreenFixtures.pair(board, app, app.device("DISPLAY", "busy"));
        smallTv = new Browser(1366, 768);
        ScreenFixtures.pair(smallTv, app, app.device("DISPLAY", "busy"));
    }

    @AfterAll
    static void close() {
        if (board != null) {
            board.close();
        }
        if (smallTv != null) {
            smallTv.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8, 16, 40})
    void everyCallIsReadableAndTheRecentCallsStay(int calls) {
        Set<String> called = callAtOnce(calls);
        board.driver().get(app.url("/board"));
        board.await(d -> d.findElements(By.cssSelector("#calling .call")).size() == Math.min(calls, 20));
        board.screenshot("board-" + calls + "-calls");

        Set<String> seen = new HashSet<>();
        int pages = (calls + 19) / 20;
        for (int p = 0; p < pages; p++) {
            if (p > 0) {
                String first = firstNumber();
                board.await(d -> !firstNumber().equals(first)); // the next page comes by itself
            }
            // One look at the whole page: the board turns pages by itself, so element by element could go stale.
            for (Map<String, Object> tile : tiles()) {
                String number = (String) tile.get("number");
                seen.add(number);
                assertThat((Boolean) tile.get("onScreen")).as("tile %s inside the screen", number).isTrue();
                assertThat(((Number) tile.get("numberPx")).doubleValue()).as("number %s big enough for 10 m", number)
                        .isGreaterThanOrEqualTo(MIN_NUMBER_PX);
                assertThat((List<?>) tile.get("outside")).as("parts of tile %s outside it", number).isEmpty();
                assertThat((List<?>) tile.get("wrapped")).as("labels of tile %s on more than one line", number).isEmpty();
            }
        }
        assertThat(seen).as("every called number is shown on some page").isEqualTo(called);
        assertThat(board.driver().findElement(By.id("calling-page")).isDisplayed()).isEqualTo(calls > 20);

        WebElement recent = board.driver().findElement(By.cssSelector(".board-recent"));
        assertThat(recent.isDisplayed()).isTrue();
        assertThat(bottom(recent)).as("recent calls on screen").isLessThanOrEqualTo(1080);
        assertThat(board.seriousAccessibilityViolations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8})
    void onASmallerTvEveryLabelStaysInItsTile(int calls) {
        // Eight calls ended before: the recent calls take their rows, so the tiles get wide and low.
        callAtOnce(calls + 8);
        ReceptionService reception = app.bean(ReceptionService.class);
        for (int n = 1; n <= 8; n++) {
            long visit = app.jdbc().sql("SELECT id FROM reception.visit WHERE counter_id = ? AND status = 'CALLED'")
                    .param("busy-" + n).query(Long.class).single();
            reception.complete(visit, Actor.staff(7400 + n, Actor.Role.MANAGER, Set.of()));
        }
        smallTv.driver().get(app.url("/board"));
        smallTv.await(d -> d.findElements(By.cssSelector("#calling .call")).size() == calls);
        smallTv.screenshot("board-1366-" + calls + "-calls");
        for (Map<String, Object> tile : tiles(smallTv)) {
            String number = (String) tile.get("number");
            assertThat((Boolean) tile.get("onScreen")).as("tile %s inside the screen", number).isTrue();
            assertThat((List<?>) tile.get("outside")).as("parts of tile %s outside it", number).isEmpty();
            assertThat((List<?>) tile.get("wrapped")).as("labels of tile %s on more than one line", number).isEmpty();
        }
        @SuppressWarnings("unchecked")
        List<String> brokenRecent = (List<String>) ((JavascriptExecutor) smallTv.driver()).executeScript("""
                return Array.from(document.querySelectorAll('#recent li')).filter(li => {
                  const c = li.querySelector('.recent-counter'), s = getComputedStyle(c);
                  const lh = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2;
                  return Math.round(c.getBoundingClientRect().height / lh) > 1 || li.scrollWidth > li.clientWidth + 1;
                }).map(li => li.textContent);""");
        assertThat(smallTv.driver().findElements(By.cssSelector("#recent li"))).hasSize(8);
        assertThat(brokenRecent).as("recent calls wrapped or cut").isEmpty();
    }

    /** Issues one ticket per counter and calls them all, after ending the previous round's calls. */
    private static Set<String> callAtOnce(int calls) {
        ReceptionService reception = app.bean(ReceptionService.class);
        app.resetReception();
        // Three-digit numbers, as by mid-morning on a real floor.
        app.jdbc().sql("""
                INSERT INTO reception.ticket_number (office_id, service_date, last_number)
                VALUES ('busy', (now() AT TIME ZONE 'Asia/Tokyo')::date, 400)""").update();
        Set<String> numbers = new HashSet<>();
        IntStream.rangeClosed(1, calls).forEach(n -> numbers.add(String.valueOf(reception.issue(new IssueTicket("busy",
                List.of(new ItineraryStep(n % 2 == 0 ? "busy-long" : "busy-short", List.of())), null, null, null), MANAGER)
                .ticket().number())));
        for (int n = 1; n <= calls; n++) {
            Actor clerk = Actor.staff(7400 + n, Actor.Role.MANAGER, Set.of());
            reception.openCounter("busy-" + n, clerk);
            assertThat(reception.callNext("busy-" + n, clerk)).isPresent();
        }
        return numbers;
    }

    private static String firstNumber() {
        return board.driver().findElement(By.cssSelector("#calling .call .call-number")).getText();
    }

    /** Every tile on the board now: its number, and what of it is off the screen, outside the tile or wrapped. */
    private static List<Map<String, Object>> tiles() {
        return tiles(board);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tiles(Browser browser) {
        return (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver()).executeScript("""
                const inside = (r, t) => r.left >= t.left - 1 && r.right <= t.right + 1
                    && r.top >= t.top - 1 && r.bottom <= t.bottom + 1;
                return Array.from(document.querySelectorAll('#calling .call')).map(tile => {
                  const t = tile.getBoundingClientRect();
                  const part = sel => tile.querySelector(sel);
                  const outside = [], wrapped = [];
                  for (const sel of ['.call-number', '.call-counter', '.call-counter-en', '.call-dept']) {
                    const e = part(sel);
                    if (!e) continue;
                    if (!inside(e.getBoundingClientRect(), t) || e.scrollWidth > e.clientWidth + 1) outside.push(sel);
                  }
                  for (const sel of ['.call-number', '.call-counter', '.call-counter-en']) {
                    const e = part(sel), s = getComputedStyle(e);
                    const lh = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2;
                    if (Math.round(e.getBoundingClientRect().height / lh) > 1) wrapped.push(sel);
                  }
                  return {
                    number: part('.call-number').textContent.trim(),
                    numberPx: parseFloat(getComputedStyle(part('.call-number')).fontSize),
                    onScreen: t.left >= 0 && t.top >= 0 && t.right <= innerWidth && t.bottom <= innerHeight,
                    outside: outside, wrapped: wrapped
                  };
                });""");
    }

    private static double bottom(WebElement e) {
        Object b = ((JavascriptExecutor) board.driver()).executeScript(
                "return arguments[0].getBoundingClientRect().bottom;", e);
        return ((Number) b).doubleValue();
    }
}

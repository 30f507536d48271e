package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.reception.BusinessClock;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ProcedureFrequencies;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The kiosk as a visitor's finger meets it, on a 1366×768 PC and a 1080×1920 portrait kiosk: the issue button stays
 * in view however much is chosen, every target is large, a department's procedures come most often chosen first, and
 * a mistyped code says what went wrong and what to do, in every kiosk language.
 */
class KioskLayoutTest {

    private static final TestApp app = TestApp.shared();

    /** Where the issue button is: "visible" when wholly inside the viewport and not covered by anything. */
    private static final String ISSUE_IN_VIEW = """
            const b = document.getElementById('issue');
            const r = b.getBoundingClientRect();
            if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) {
              return 'outside the viewport ' + window.innerWidth + 'x' + window.innerHeight + ': top ' + r.top
                + ', bottom ' + r.bottom;
            }
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return b.contains(hit) ? 'visible' : 'covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');
            """;

    /** Every visible touch target smaller than arguments[0] px either way: links, buttons, fields, check box rows. */
    private static final String SMALL_TARGETS = """
            const min = arguments[0];
            const small = [];
            document.querySelectorAll('#kiosk a[href], #kiosk button, #kiosk input, #kiosk select, #kiosk label')
              .forEach(function (e) {
                if (e.tagName === 'LABEL' && !e.querySelector('input')) return;
                if (e.closest('.visually-hidden')) return;
                const r = e.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) return;
                if (r.width < min || r.height < min) {
                  small.push((e.id || e.tagName + ' ' + e.textContent.trim().slice(0, 20)) + ' ' + Math.round(r.width)
                    + 'x' + Math.round(r.height));
                }
              });
            return small;
            """;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366, 768, kiosk-1366x768", "1080, 1920, kiosk-portrait-1080x1920"})
    void theIssueButtonStaysInViewAndEveryTargetIsLarge(int width, int height, String screenshot) {
        try (Browser kiosk = new Browser(width, height)) {
            ScreenFixtures.pair(kiosk, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
            WebDriver k = kiosk.driver();
            k.get(app.url("/kiosk"));
            assertThat(inView(k)).as("issue button before choosing").isEqualTo("visible");

            for (String department : List.of("koseki-jumin", "kokuho-nenkin", "kosodate", "kaigo")) {
                click(k, By.cssSelector("button.dept[data-dept=" + department + "]"));
            }
            click(k, By.cssSelector("#route input[value=tennyu]"));
            click(k, By.cssSelector("#route input[value=kokuho-kanyu]"));
            assertThat(k.findElements(By.cssSelector("#route li"))).hasSize(4);

            // Wherever the visitor has scrolled to, the issue button is in view and can be pressed.
            scroll(k, "window.scrollTo(0, 0)");
            assertThat(inView(k)).as("scrolled to the top").isEqualTo("visible");
            scroll(k, "document.querySelector('#route li:last-child .procs label:last-of-type').scrollIntoView({block: 'center'})");
            assertThat(inView(k)).as("at the last procedure").isEqualTo("visible");
            scroll(k, "window.scrollTo(0, document.documentElement.scrollHeight)");
            assertThat(inView(k)).as("scrolled to the bottom").isEqualTo("visible");
            scroll(k, "window.scrollTo(0, 0)");

            // Beside it, what will be on the ticket.
            assertThat(k.findElement(By.id("chosen-summary")).getText())
                    .startsWith("戸籍住民課（転入届） → 国保年金課（国民健康保険の加入） → 子育て支援課");
            assertThat(k.findElement(By.id("chosen-summary")).isDisplayed()).isTrue();

            @SuppressWarnings("unchecked")
            List<String> small = (List<String>) ((JavascriptExecutor) k).executeScript(SMALL_TARGETS, 44);
            assertThat(small).as("targets under 44 px").isEmpty();
            // A kiosk is used standing, by every age: its check box rows and buttons are far larger still.
            for (WebElement row : k.findElements(By.cssSelector("#route .procs label"))) {
                assertThat(row.getRect().getHeight()).as("procedure row " + row.getText()).isGreaterThanOrEqualTo(64);
            }
            assertThat(k.findElement(By.id("issue")).getRect().getHeight()).isGreaterThanOrEqualTo(64);
            assertThat(k.findElement(By.cssSelector(".remove")).getRect().getHeight()).isGreaterThanOrEqualTo(64);

            assertThat(kiosk.seriousAccessibilityViolations()).as("kiosk accessibility").isEmpty();
            kiosk.screenshot(screenshot);

            // And it works from there: the ticket is issued with what was chosen.
            k.findElement(By.id("issue")).click();
            kiosk.await(ExpectedConditions.urlContains("/kiosk/tickets/"));
            assertThat(k.findElements(By.cssSelector("#route li"))).hasSize(4);
        }
    }

    @Test
    void aDepartmentsProceduresComeMostOftenChosenFirst() {
        try (Browser kiosk = new Browser(1080, 1920)) {
            ScreenFixtures.pair(kiosk, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
            WebDriver k = kiosk.driver();
            k.get(app.url("/kiosk"));
            click(k, By.cssSelector("button.dept[data-dept=koseki-jumin]"));
            List<String> shown = k.findElements(By.cssSelector("#route .procs input")).stream()
                    .map(e -> e.getAttribute("value")).toList();

            // What the statistics count for the past year, the usual order where they count nothing.
            Floor floor = app.bean(FloorDirectory.class).floor("honcho");
            LocalDate today = LocalDate.ofInstant(app.bean(BusinessClock.class).instant(), ZoneId.of(floor.office().timeZone()));
            Map<String, Long> counts = app.bean(ProcedureFrequencies.class).lastYear("honcho", today);
            List<String> expected = floor.procedures().stream().filter(p -> p.departmentId().equals("koseki-jumin"))
                    .sorted(Comparator.<Floor.Procedure>comparingLong(p -> -counts.getOrDefault(p.id(), 0L))
                            .thenComparingInt(p -> KioskProcedureOrder.USUAL.indexOf(p.id())))
                    .map(Floor.Procedure::id).toList();
            assertThat(expected).hasSize(14);
            assertThat(shown).containsExactlyElementsOf(expected);
            if (counts.keySet().stream().noneMatch(expected::contains)) {
                // Nothing counted yet: the moves a one-stop counter mostly sees come first.
                assertThat(shown.subList(0, 3)).containsExactly("tennyu", "tenshutsu", "tenkyo");
            }
        }
    }

    @Test
    void aMistypedCodeSaysItWasNotRecognisedAndWhatToDoInEveryKioskLanguage() {
        Map<String, String> expected = Map.of(
                "ja", "受付コードを確認できませんでした。コードをもう一度読み取るか、入力し直してください。わからないときは職員にお声がけください。",
                "ja-yasashii", "受付(うけつけ)コードが わかりませんでした。",
                "en", "We could not recognise this visit code. Please scan it or type it again, or ask a member of staff.",
                "zh", "无法识别该受理代码。请重新扫描或重新输入",
                "ko", "접수 코드를 확인할 수 없습니다.");
        try (Browser kiosk = new Browser(1080, 1920)) {
            ScreenFixtures.pair(kiosk, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
            WebDriver k = kiosk.driver();
            for (String lang : List.of("ja", "ja-yasashii", "en", "zh", "ko")) {
                k.get(app.url("/kiosk?lang=" + lang));
                // A department already chosen and scrolled away from: the message still shows where the visitor looks.
                click(k, By.cssSelector("button.dept[data-dept=koseki-jumin]"));
                click(k, By.id("type-code"));
                kiosk.await(ExpectedConditions.visibilityOfElementLocated(By.id("code-pad")));
                for (String key : List.of("N", "7", "K", "3")) {
                    k.findElement(By.cssSelector("#code-keys [data-key='" + key + "']")).click();
                }
                k.findElement(By.id("code-send")).click();
                WebElement bad = kiosk.await(ExpectedConditions.visibilityOfElementLocated(By.id("bad-code")));
                assertThat(bad.getText()).as(lang).startsWith(expected.get(lang)).doesNotContain("二次元");
                assertThat((Boolean) ((JavascriptExecutor) k).executeScript(
                        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", bad))
                        .as(lang + ": the message is in view").isTrue();
                assertThat(k.getCurrentUrl()).contains("/kiosk");
            }
            assertThat(kiosk.seriousAccessibilityViolations()).as("kiosk with the message").isEmpty();
            kiosk.screenshot("kiosk-portrait-unknown-code");
        }
    }

    private static String inView(WebDriver k) {
        return (String) ((JavascriptExecutor) k).executeScript(ISSUE_IN_VIEW);
    }

    private static void scroll(WebDriver k, String script) {
        ((JavascriptExecutor) k).executeScript(script);
    }

    /** Clicks as a finger would: the element brought into the middle of the screen first, not under the action bar. */
    private static void click(WebDriver k, By by) {
        WebElement e = k.findElement(by);
        ((JavascriptExecutor) k).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }
}

package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The language switches of the shared fragment lead somewhere: a foreign resident at the kiosk, on the pre-entry,
 * forecast and mail pages, and staff on the floor overview, press a language and get the page in it.
 */
class LanguageSwitchTest {

    private static final TestApp app = TestApp.shared();
    private static Browser browser;

    // A fresh browser per test: one paired as a kiosk stays a kiosk, whoever signs in on it.
    @BeforeEach
    void open() {
        browser = new Browser(1366, 768);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void theKioskSwitchesToEveryLanguageIncludingEasyJapanese() {
        ScreenFixtures.pair(browser, app, ScreenFixtures.device(app, "KIOSK", "honcho"));
        WebDriver d = browser.driver();
        d.get(app.url("/kiosk"));
        List<String> offered = d.findElements(By.cssSelector("nav.langs a")).stream().map(a -> a.getText()).toList();
        assertThat(offered).containsExactly("日本語", "やさしい日本語", "English", "中文", "한국어");

        press("English");
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(d.getCurrentUrl()).endsWith("/kiosk?lang=en");
        assertThat(d.findElement(By.id("issue")).getText()).doesNotContain("発券");

        press("やさしい日本語");
        assertThat(htmlLang()).isEqualTo("ja");
        assertThat(d.findElement(By.id("issue")).getText()).isEqualTo("受付票(うけつけひょう)を 出(だ)す");
        assertThat(d.findElement(By.cssSelector("nav.langs a[aria-current=true]")).getText()).isEqualTo("やさしい日本語");
        assertThat(browser.seriousAccessibilityViolations()).as("kiosk in easy Japanese").isEmpty();

        press("한국어");
        assertThat(htmlLang()).isEqualTo("ko");
        press("日本語");
        assertThat(d.findElement(By.id("issue")).getText()).isEqualTo("受付票を発券する");
    }

    @Test
    void publicPagesOfTheSharedFragmentSwitch() {
        String token = app.bean(ReceptionService.class).issue(
                new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())), null, null, null),
                Actor.staff(4243, Actor.Role.MANAGER, Set.of())).ticket().publicToken();
        for (String page : List.of("/preentry", "/live/honcho/forecast", "/t/" + token + "/mail")) {
            browser.driver().get(app.url(page));
            press("English");
            assertThat(htmlLang()).as(page).isEqualTo("en");
            press("中文");
            assertThat(htmlLang()).as(page).isEqualTo("zh");
            press("日本語");
            assertThat(htmlLang()).as(page).isEqualTo("ja");
        }
        // Resident pages offer やさしい日本語 too, and say it in it.
        for (Map.Entry<String, String> page : Map.of("/live/honcho/forecast", "こむ 日(ひ)の よそう",
                "/t/" + token + "/mail", "メールで よばれる ことを しらせる").entrySet()) {
            browser.driver().get(app.url(page.getKey()));
            press("やさしい日本語");
            assertThat(htmlLang()).as(page.getKey()).isEqualTo("ja");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).as(page.getKey())
                    .isEqualTo(page.getValue());
        }
    }

    @Test
    void theFloorOverviewSwitches() {
        ScreenFixtures.signIn(browser, app, ScreenFixtures.staff(app, "MANAGER"));
        browser.driver().get(app.url("/floor"));
        press("English");
        assertThat(htmlLang()).isEqualTo("en");
        press("日本語");
        assertThat(htmlLang()).isEqualTo("ja");
    }

    private static void press(String language) {
        WebDriver d = browser.driver();
        String before = d.getCurrentUrl();
        var links = d.findElements(By.xpath("//nav[contains(@class,'langs')]//a[normalize-space()='" + language + "']"));
        assertThat(links).as("a link to %s on %s: %s", language, before, d.getTitle()).hasSize(1);
        var link = links.get(0);
        assertThat(link.getAttribute("href")).as("link to " + language).contains("lang=");
        link.click();
        browser.await(x -> !x.getCurrentUrl().equals(before)
                || x.findElement(By.cssSelector("nav.langs a[aria-current=true]")).getText().equals(language));
    }

    private static String htmlLang() {
        return browser.driver().findElement(By.tagName("html")).getAttribute("lang");
    }
}

package org.madoguchi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** What a resident or a vendor meets first: the start page, a wrong address, the icon, the API reference. */
class FirstVisitTest {

    private static final TestApp app = TestApp.shared();
    private static Browser browser;

    @BeforeAll
    static void open() {
        browser = new Browser(390, 844);
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void theStartPageLeadsResidentsToThePublicServices() {
        WebDriver d = browser.driver();
        d.get(app.url("/"));
        List<String> hrefs = d.findElements(By.cssSelector("a")).stream().map(a -> a.getDomAttribute("href")).toList();
        assertThat(hrefs).contains("/navi", "/preentry", "/live/honcho", "/live/honcho/forecast");
        d.findElement(By.cssSelector("a[href='/navi']")).click();
        browser.await(x -> x.getCurrentUrl().endsWith("/navi"));
        assertThat(d.getTitle()).contains("手続ナビ");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void aWrongAddressIsNotFoundNotTheStaffLogin() {
        WebDriver d = browser.driver();
        d.get(app.url("/kosekii"));
        assertThat(d.getCurrentUrl()).endsWith("/kosekii");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("ページが見つかりません");
        assertThat(new Http(app).get("/kosekii").status()).isEqualTo(404);
        // Pages that exist still ask staff to sign in, and the API still answers strangers with 401.
        assertThat(new Http(app).get("/floor").status()).isEqualTo(302);
        assertThat(new Http(app).get("/api/v1/nothing-here").status()).isEqualTo(401);
    }

    @Test
    void theIconExists() {
        Http.Response icon = new Http(app).get("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).contains("icon");
    }

    @Test
    void theApiReferenceNamesTheProductAndThisServer() {
        String docs = new Http(app).get("/v3/api-docs").body();
        assertThat(docs).contains("\"title\":\"madoguchi API").doesNotContain("OpenAPI definition")
                .doesNotContain("Generated server url");
    }

    @Test
    void publicPagesBreakNoContentSecurityPolicy() {
        WebDriver d = browser.driver();
        browser.consoleMessages();
        for (String page : List.of("/live/honcho", "/live/honcho/forecast", "/live/help", "/navi", "/preentry")) {
            d.get(app.url(page));
            browser.await(x -> "complete".equals(((JavascriptExecutor) x)
                    .executeScript("return document.readyState")));
            assertThat(browser.consoleMessages()).as(page)
                    .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
        }
    }
}

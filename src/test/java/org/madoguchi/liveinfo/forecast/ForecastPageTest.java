package org.madoguchi.liveinfo.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The calendar in a real browser: readable levels, closed days, the selector, month and day links, accessibility. */
class ForecastPageTest {

    private static TestApp app;
    private static Browser browser;

    @BeforeAll
    static void open() {
        app = ForecastApp.get();
        app.resetReception();
        app.bean(ForecastService.class).refresh();
        browser = new Browser(1280, 1900);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aMonthAndADayByTheHour() {
        browser.driver().get(app.url("/live/honcho/forecast?department=koseki-jumin&month=2026-12&day=2026-12-01"));
        WebElement table = browser.await(d -> d.findElement(By.id("calendar")));
        assertThat(table.findElement(By.tagName("caption")).getText()).isEqualTo("2026年12月 戸籍住民課の混雑予想");
        assertThat(table.findElements(By.cssSelector("thead th[scope=col]"))).hasSize(7);
        // Every open day says its level in words; closed days say 閉庁日, the year end why.
        List<WebElement> open = table.findElements(By.cssSelector("td[class*=level-]"));
        assertThat(open).hasSize(20);
        assertThat(open).allSatisfy(td -> assertThat(td.getText()).containsAnyOf("空いています", "やや混雑", "混雑", "大変混雑"));
        WebElement yearEnd = table.findElement(By.cssSelector("td[data-date='2026-12-29']"));
        assertThat(yearEnd.getText()).contains("閉庁日", "年末年始");
        assertThat(browser.driver().findElement(By.id("basis")).getText()).contains("標準的な混雑の傾向");
        WebElement hours = browser.driver().findElement(By.cssSelector("table.forecast-hours"));
        assertThat(hours.findElements(By.cssSelector("tbody th[scope=row]"))).hasSize(10);
        assertThat(hours.getText()).contains("08:30〜09:00", "17:00〜17:15");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        browser.screenshot("forecast");
    }

    @Test
    void theSelectorAndTheLinksWorkWithoutScript() {
        browser.driver().get(app.url("/live/honcho/forecast?department=koseki-jumin&month=2026-11"));
        assertThat(browser.driver().findElement(By.cssSelector("td[data-date='2026-11-23']")).getText())
                .contains("閉庁日", "勤労感謝の日");
        new Select(browser.driver().findElement(By.id("department"))).selectByValue("kokuho-nenkin");
        browser.driver().findElement(By.cssSelector("form.forecast-form button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().contains("department=kokuho-nenkin"));
        assertThat(browser.driver().getCurrentUrl()).contains("month=2026-11");
        assertThat(browser.driver().findElement(By.cssSelector("#calendar caption")).getText()).contains("国保年金課");

        browser.driver().findElement(By.id("next-month")).click();
        browser.await(d -> d.findElement(By.cssSelector("#calendar caption")).getText().startsWith("2026年12月"));
        browser.driver().findElement(By.cssSelector("td[data-date='2026-12-01'] a.day-level")).click();
        browser.await(d -> !d.findElements(By.id("day-title")).isEmpty());
        assertThat(browser.driver().findElement(By.id("day-title")).getText()).contains("12月1日");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }
}

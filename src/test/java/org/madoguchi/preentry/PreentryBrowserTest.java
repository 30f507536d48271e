package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A resident pre-enters a 転入 (with a 住民票 request) from the navigator's plan in a real browser, gets the QR
 * page; a clerk signs in, types the short code at /console/preentry, downloads the PDF, and the PDF holds the
 * kanji the resident typed. Accessible all the way on the resident's side; no personal data in any URL.
 */
class PreentryBrowserTest {

    private final TestApp app = TestApp.shared();
    private final List<String> urls = new ArrayList<>();

    private void next(Browser browser, String expectedPath) {
        WebDriver d = browser.driver();
        d.findElement(By.id("next")).click();
        browser.await(ExpectedConditions.urlContains(expectedPath));
        urls.add(d.getCurrentUrl());
    }

    private static void type(WebDriver d, String id, String text) {
        WebElement input = d.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void residentToCounterToPdf() throws Exception {
        String plan = "MDG1:koseki-jumin=tennyu+juminhyo/kokuho-nenkin=kokuho-kanyu";
        try (Browser browser = new Browser(430, 932)) {
            WebDriver d = browser.driver();
            // Directly, without a plan: nothing chosen is explained, not lost.
            d.get(app.url("/preentry?lang=ja"));
            assertThat(browser.seriousAccessibilityViolations()).as("direct start page").isEmpty();
            d.findElement(By.id("begin")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("choose-error")));
            assertThat(browser.seriousAccessibilityViolations()).as("start page with an error").isEmpty();

            d.get(app.url("/preentry?lang=en&plan=" + URLEncoder.encode(plan, StandardCharsets.UTF_8)));
            assertThat(d.findElement(By.tagName("h1")).getText()).contains("Pre-entry");
            assertThat(d.findElement(By.id("privacy")).getText()).contains("no personal data");
            d.get(app.url("/preentry?lang=zh&plan=" + URLEncoder.encode(plan, StandardCharsets.UTF_8)));
            assertThat(d.findElement(By.id("begin-plan")).getText()).isEqualTo("开始填写");
            d.get(app.url("/preentry?lang=ko&plan=" + URLEncoder.encode(plan, StandardCharsets.UTF_8)));
            assertThat(d.findElement(By.id("begin-plan")).getText()).isEqualTo("입력 시작");
            d.get(app.url("/preentry?lang=ja&plan=" + URLEncoder.encode(plan, StandardCharsets.UTF_8)));
            assertThat(d.findElement(By.id("plan-forms")).getText()).contains("住民異動届", "住民票の写し等交付申請書");
            assertThat(browser.seriousAccessibilityViolations()).as("start page").isEmpty();
            d.findElement(By.id("begin-plan")).click();
            browser.await(ExpectedConditions.urlContains("/preentry/step/applicant"));

            // An impossible date is explained beside the field; everything typed stays.
            type(d, "name", "髙橋　太郎");
            type(d, "kana", "たかはし　たろう");
            type(d, "birthDate", "令和元年4月1日");
            d.findElement(By.cssSelector("input[name=sex][value=male]")).click();
            d.findElement(By.id("next")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("birthDate-error")));
            assertThat(d.findElement(By.id("birthDate-error")).getText()).contains("令和の期間にありません");
            assertThat(d.findElement(By.id("name")).getAttribute("value")).isEqualTo("髙橋　太郎");
            assertThat(d.findElement(By.id("kana")).getAttribute("value")).isEqualTo("タカハシ　タロウ");
            assertThat(d.findElement(By.id("birthDate")).getAttribute("value")).isEqualTo("令和元年4月1日");
            assertThat(d.findElement(By.cssSelector("input[name=sex][value=male]")).isSelected()).isTrue();
            assertThat(browser.seriousAccessibilityViolations()).as("page with an error").isEmpty();
            type(d, "birthDate", "Ｈ２．４．１");
            next(browser, "/preentry/step/address");

            // The postal code suggests the town (the button works without JavaScript too).
            type(d, "postalCode", "１７３－０００４");
            d.findElement(By.cssSelector("button[value=lookup]")).click();
            browser.await(d2 -> d2.findElement(By.id("address")).getAttribute("value").equals("東京都板橋区板橋"));
            d.findElement(By.id("address")).sendKeys("２－６６－１");
            assertThat(browser.seriousAccessibilityViolations()).as("address page").isEmpty();
            next(browser, "/preentry/step/move");

            type(d, "moveDate", LocalDate.now().minusDays(2).toString().replace('-', '/'));
            type(d, "previousAddress", "埼玉県和光市広沢1-5");
            next(browser, "/preentry/step/household");

            type(d, "householder", "髙橋 太郎");
            type(d, "relationship", "本人");
            d.findElement(By.id("add-member")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("m0-name")));
            assertThat(d.findElement(By.id("householder")).getAttribute("value")).isEqualTo("髙橋　太郎");
            type(d, "m0-name", "髙橋 花子");
            type(d, "m0-kana", "タカハシ ハナコ");
            type(d, "m0-birthDate", "平成4年6月15日");
            d.findElement(By.cssSelector("input[name='m0.sex'][value=female]")).click();
            type(d, "m0-relationship", "妻");
            assertThat(browser.seriousAccessibilityViolations()).as("household page").isEmpty();
            next(browser, "/preentry/step/contact");

            type(d, "phone", "０９０ー１２３４ー５６７８");
            next(browser, "/preentry/step/certificates");

            new Select(d.findElement(By.id("RESIDENCE_CERTIFICATE-certificateType"))).selectByIndex(1);
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordDomicile'][value=no]")).click();
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordRelationship'][value=yes]")).click();
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordIndividualNumber'][value=no]")).click();
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordResidentCode'][value=no]")).click();
            type(d, "RESIDENCE_CERTIFICATE-copies", "２");
            type(d, "RESIDENCE_CERTIFICATE-purpose", "勤務先へ提出");
            next(browser, "/preentry/confirm");

            String confirm = d.findElement(By.tagName("main")).getText();
            assertThat(confirm).contains("髙橋　太郎", "タカハシ　タロウ", "平成2年4月1日", "東京都板橋区板橋二丁目66番1号",
                    "090-1234-5678", "髙橋　花子", "平成4年6月15日", "2通");
            assertThat(browser.seriousAccessibilityViolations()).as("confirmation page").isEmpty();
            // Revisiting a page shows what was typed (dates in 和暦).
            d.findElement(By.id("edit-applicant")).click();
            browser.await(ExpectedConditions.urlContains("/preentry/step/applicant"));
            assertThat(d.findElement(By.id("name")).getAttribute("value")).isEqualTo("髙橋　太郎");
            assertThat(d.findElement(By.id("birthDate")).getAttribute("value")).isEqualTo("平成2年4月1日");
            d.get(app.url("/preentry/confirm"));
            d.findElement(By.id("finish")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("short-code")));
            urls.add(d.getCurrentUrl());
            String shortCode = d.findElement(By.id("short-code")).getText();
            assertThat(shortCode).matches("P [2-9A-Z]{4} [2-9A-Z]{4}");
            assertThat(d.findElement(By.tagName("main")).getText()).doesNotContain("髙橋", "板橋二丁目");
            // A clear ending, and what to bring in every language of the pages.
            assertThat(d.findElement(By.id("end-title")).getText()).isEqualTo("終わったらこの画面を閉じてください");
            assertThat(d.findElement(By.id("end")).getText()).contains("二次元コード（または受付コード）をお持ちください",
                    "bring this QR code", "请携带此二维码", "QR 코드(또는 접수 코드)를 가져와");
            assertThat(d.manage().getCookieNamed(PreentryController.COOKIE)).as("the browser lets go at once").isNull();
            assertThat(browser.seriousAccessibilityViolations()).as("QR page").isEmpty();
            browser.screenshot("preentry-qr");
            d.findElement(By.id("end-button")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("ended")));
            assertThat(browser.seriousAccessibilityViolations()).as("ended page").isEmpty();
            // The next person at this computer finds nothing of it.
            for (String page : List.of("/preentry/done", "/preentry/confirm", "/preentry/step/applicant", "/preentry")) {
                d.get(app.url(page));
                assertThat(d.findElement(By.tagName("main")).getText()).as(page)
                        .doesNotContain("髙橋", "タカハシ", "板橋二丁目", shortCode);
            }
            assertThat(d.findElements(By.id("resume"))).isEmpty();

            for (String url : urls) {
                assertThat(URLDecoderUtil.decode(url)).doesNotContain("髙橋", "タカハシ", "板橋二丁目", "090", "1990");
            }

            // At the counter: the clerk signs in and types the code as the resident reads it out.
            browser.signIn(app, "admin", TestApp.ADMIN_PASSWORD);
            d.get(app.url("/console/preentry"));
            // Ready for the scanner: the box has the focus once the page has loaded (autofocus).
            browser.await(d2 -> "code".equals(d2.switchTo().activeElement().getAttribute("id")));
            d.findElement(By.id("code")).sendKeys(shortCode.toLowerCase() + Keys.ENTER);
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("print")));
            String entryPath = URI.create(d.getCurrentUrl()).getPath();
            UUID id = UUID.fromString(entryPath.substring(entryPath.lastIndexOf('/') + 1));
            assertThat(d.findElement(By.id("name")).getAttribute("value")).isEqualTo("髙橋　太郎");
            assertThat(d.findElement(By.id("birthDate")).getAttribute("value")).isEqualTo("平成2年4月1日");
            browser.screenshot("preentry-console");

            String cookies = d.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.url("/console/preentry/" + id + "/pdf"))).header("Cookie", cookies).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).contains("preentry-forms.pdf");
            String text;
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            }
            assertThat(text).contains("髙橋", "太郎", "板橋二丁目66番1号", "花子", "埼玉県和光市広沢1番5号", "住民異動届",
                    "住民票");

            d.findElement(By.id("delete")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
            assertThat(app.bean(Preentries.class).byId(id)).isEmpty();
            assertThat(app.jdbc().sql("SELECT action FROM preentry.access_log WHERE entry_id = ? ORDER BY id").param(id)
                    .query(String.class).list()).containsExactly("scan", "view", "print", "delete");
        }
    }

    private static final class URLDecoderUtil {
        static String decode(String url) {
            return java.net.URLDecoder.decode(url, StandardCharsets.UTF_8);
        }
    }
}

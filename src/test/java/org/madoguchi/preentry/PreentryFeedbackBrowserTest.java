package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What the resident's pages say back, on a phone: each text field has a hint of its own, nothing typed is cut
 * off, a postal code outside Itabashi gets an answer, a character the forms cannot print is named before the
 * visit, the 住民票 asks whether to show the 個人番号 and the 住民票コード, and the QR page names the building and
 * floor as the floor configuration does.
 */
class PreentryFeedbackBrowserTest {

    private final TestApp app = TestApp.shared();

    private static void type(WebDriver d, String id, String text) {
        WebElement input = d.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    private static void next(Browser browser, String expectedPath) {
        browser.driver().findElement(By.id("next")).click();
        browser.await(ExpectedConditions.urlContains(expectedPath));
    }

    @Test
    void theResidentIsToldWhatHappensAndWhatWillBePrinted() throws Exception {
        try (Browser browser = new Browser(390, 844)) {
            WebDriver d = browser.driver();
            d.get(app.url("/preentry?lang=ja"));
            d.findElement(By.id("proc-juminhyo")).click();
            d.findElement(By.id("begin")).click();
            browser.await(ExpectedConditions.urlContains("/preentry/step/applicant"));

            // A long name is kept whole and the message counts what was typed, not what a browser kept.
            String longName = "あ".repeat(52) + " " + "い".repeat(51);
            type(d, "name", longName);
            type(d, "kana", "きちだ たろう");
            type(d, "birthDate", "平成2年4月1日");
            d.findElement(By.id("next")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));
            assertThat(d.findElement(By.id("name")).getAttribute("value")).hasSize(104);
            assertThat(text(d, "name-error")).contains("30文字以内", "今 104 文字");

            // 𠮷 is accepted; the forms' font cannot print it, and the resident is told so beside the name.
            type(d, "name", "𠮷田 太郎");
            d.findElement(By.id("next")).click();
            browser.await(ExpectedConditions.urlContains("/preentry/step/address"));
            d.get(app.url("/preentry/step/applicant"));
            assertThat(text(d, "name-unprintable")).contains("「𠮷」", "〓", "手書き");
            assertThat(d.findElement(By.id("name")).getAttribute("aria-describedby")).contains("name-unprintable");
            assertThat(browser.seriousAccessibilityViolations()).as("name with a character the forms lack").isEmpty();
            next(browser, "/preentry/step/address");

            // A postal code that is not Itabashi's: answered as soon as it is typed (script) and by the button.
            type(d, "postalCode", "9999999");
            browser.await(d2 -> text(d2, "postalCode-lookup").contains("板橋区内のものではない"));
            type(d, "postalCode", "999-9999");
            WebElement before = d.findElement(By.id("postalCode-lookup"));
            d.findElement(By.cssSelector("button[value=lookup]")).click();
            browser.await(ExpectedConditions.stalenessOf(before));
            assertThat(text(d, "postalCode-lookup")).contains("板橋区内のものではない", "住所をそのまま入力");
            assertThat(d.findElement(By.id("address")).getAttribute("value")).isEmpty();
            assertThat(browser.seriousAccessibilityViolations()).as("postal code outside Itabashi").isEmpty();
            // An Itabashi code fills the town and says so.
            type(d, "postalCode", "173-0004");
            d.findElement(By.cssSelector("button[value=lookup]")).click();
            browser.await(d2 -> d2.findElement(By.id("address")).getAttribute("value").equals("東京都板橋区板橋"));
            assertThat(text(d, "postalCode-lookup")).contains("町名まで表示しました");
            d.findElement(By.id("address")).sendKeys("2-66-1");
            next(browser, "/preentry/step/household");

            String relationshipHint = text(d, "relationship-hint");
            assertThat(relationshipHint).contains("世帯主から見た続柄");
            type(d, "householder", "𠮷田 太郎");
            type(d, "relationship", "本人");
            next(browser, "/preentry/step/contact");
            type(d, "phone", "090-1234-5678");
            next(browser, "/preentry/step/certificates");

            String purposeHint = text(d, "RESIDENCE_CERTIFICATE-purpose-hint");
            assertThat(purposeHint).contains("証明書を何に使うか").isNotEqualTo(relationshipHint);
            // Whether the 住民票 shows the 個人番号 and the 住民票コード: a choice only, the number is never asked.
            assertThat(text(d, "RESIDENCE_CERTIFICATE-recordIndividualNumber-hint")).contains("番号そのものを入力する必要はありません");
            assertThat(d.findElement(By.tagName("main")).getText()).contains("個人番号（マイナンバー）の記載", "住民票コードの記載");
            new Select(d.findElement(By.id("RESIDENCE_CERTIFICATE-certificateType"))).selectByIndex(1);
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordDomicile'][value=no]")).click();
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordRelationship'][value=no]")).click();
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordIndividualNumber'][value=yes]")).click();
            type(d, "RESIDENCE_CERTIFICATE-copies", "1");
            type(d, "RESIDENCE_CERTIFICATE-purpose", "勤務先へ提出");
            d.findElement(By.id("next")).click();
            // The 住民票コード question was left open: it is required like the others.
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("RESIDENCE_CERTIFICATE-recordResidentCode-error")));
            assertThat(browser.seriousAccessibilityViolations()).as("certificates with an open question").isEmpty();
            d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordResidentCode'][value=no]")).click();
            next(browser, "/preentry/confirm");

            String confirm = d.findElement(By.tagName("main")).getText();
            assertThat(confirm).contains("個人番号（マイナンバー）の記載\n必要", "住民票コードの記載\n不要");
            assertThat(text(d, "unprintable")).contains("印刷できない字");
            assertThat(confirm).contains("「𠮷」は用紙の字体にない");
            assertThat(browser.seriousAccessibilityViolations()).as("confirmation").isEmpty();

            d.findElement(By.id("finish")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("short-code")));
            String shortCode = text(d, "short-code");
            // Building, floor and department as the floor configuration names them (reception.office/department).
            assertThat(text(d, "places")).isEqualTo("本庁舎南館 1階 戸籍住民課");
            assertThat(d.findElement(By.tagName("main")).getText()).doesNotContain("本庁舎1階");
            assertThat(browser.seriousAccessibilityViolations()).as("QR page").isEmpty();

            // The printed 住民票 request ticks 個人番号 as chosen (the tick itself: PdfFormPrinterTest).
            browser.signIn(app, "admin", TestApp.ADMIN_PASSWORD);
            d.get(app.url("/console/preentry"));
            d.findElement(By.id("code")).sendKeys(shortCode + Keys.ENTER);
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("print")));
            String path = URI.create(d.getCurrentUrl()).getPath();
            UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
            assertThat(d.findElement(By.cssSelector(
                    "input[name='RESIDENCE_CERTIFICATE.recordIndividualNumber'][value=yes]")).isSelected()).isTrue();
            String cookies = d.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.url("/console/preentry/" + id + "/pdf"))).header("Cookie", cookies).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", ""))
                        .contains("記載する項目", "個人番号（マイナンバー）", "住民票コード", "〓田");
            }
            d.findElement(By.id("delete")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
        }
    }

    @Test
    void theSameAnswersInEnglish() {
        try (Browser browser = new Browser(390, 844)) {
            WebDriver d = browser.driver();
            d.get(app.url("/preentry?lang=en"));
            d.findElement(By.id("proc-juminhyo")).click();
            d.findElement(By.id("begin")).click();
            browser.await(ExpectedConditions.urlContains("/preentry/step/applicant"));
            d.get(app.url("/preentry/step/address"));
            type(d, "postalCode", "999-9999");
            d.findElement(By.cssSelector("button[value=lookup]")).click();
            browser.await(d2 -> text(d2, "postalCode-lookup").contains("not in Itabashi"));
            d.get(app.url("/preentry/step/household"));
            assertThat(text(d, "relationship-hint")).contains("head of household");
            d.get(app.url("/preentry/step/certificates"));
            assertThat(text(d, "RESIDENCE_CERTIFICATE-purpose-hint")).contains("What the certificate is for");
            assertThat(text(d, "RESIDENCE_CERTIFICATE-recordIndividualNumber-hint")).contains("You do not enter the number");
            assertThat(browser.seriousAccessibilityViolations()).as("certificates in English").isEmpty();

            // A complete entry (name with 𠮷) finished in English: the note and the place in English.
            Preentries.Started filled = PreentryFixture.filledMoveIn(app, null);
            d.manage().deleteCookieNamed(PreentryController.COOKIE);
            d.manage().addCookie(new Cookie.Builder(PreentryController.COOKIE, filled.draftToken()).path("/preentry")
                    .isHttpOnly(true).build());
            d.get(app.url("/preentry/confirm?lang=en"));
            assertThat(d.findElement(By.tagName("main")).getText()).contains("The form font does not have \"𠮷\"",
                    "Show the Individual Number (My Number)");
            d.findElement(By.id("finish")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("short-code")));
            assertThat(text(d, "places")).isEqualTo(
                    "City Hall South Building（本庁舎南館）, Floor 1, Family Register and Resident Records（戸籍住民課）");
            d.findElement(By.id("delete")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
        }
    }
}

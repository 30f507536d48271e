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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * visit, the QR page names the building and floor as the floor configuration does, and the 住民票 asks whether
 * to show the 個人番号 and the 住民票コード (and the printed form shows the answer). Accessible throughout.
 */
class PreentryFeedbackBrowserTest {

    private static Browser browser;
    private final TestApp app = TestApp.shared();
    private WebDriver d;

    @BeforeAll
    static void open() {
        browser = new Browser(390, 844);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshBrowser() {
        d = browser.driver();
        d.get(app.url("/preentry?lang=ja"));
        d.manage().deleteAllCookies();
    }

    /** This browser holds a filled 転入 + 住民票 draft whose applicant is 髙橋 𠮷男 (PreentryFixture). */
    private void holdFilledDraft() {
        Preentries.Started filled = PreentryFixture.filledMoveIn(app, null);
        d.manage().addCookie(new Cookie.Builder(PreentryController.COOKIE, filled.draftToken()).path("/preentry")
                .isHttpOnly(true).build());
    }

    private void type(String id, String text) {
        WebElement input = d.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private String text(String id) {
        return d.findElement(By.id(id)).getText();
    }

    private void next(String expectedPath) {
        d.findElement(By.id("next")).click();
        browser.await(ExpectedConditions.urlContains(expectedPath));
    }

    @Test
    void relationshipAndPurposeEachHaveTheirOwnHint() {
        holdFilledDraft();
        d.get(app.url("/preentry/step/household?lang=ja"));
        String relationship = text("relationship-hint");
        assertThat(relationship).contains("世帯主から見た続柄");
        assertThat(text("m0-relationship-hint")).isEqualTo(relationship);
        d.get(app.url("/preentry/step/certificates"));
        assertThat(text("RESIDENCE_CERTIFICATE-purpose-hint")).contains("証明書を何に使うか").isNotEqualTo(relationship)
                .doesNotContain("本人");

        d.get(app.url("/preentry/step/household?lang=en"));
        assertThat(text("relationship-hint")).contains("head of household");
        d.get(app.url("/preentry/step/certificates"));
        assertThat(text("RESIDENCE_CERTIFICATE-purpose-hint")).contains("What the certificate is for");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void easyJapaneseIsOneOfTheLanguages() {
        d.get(app.url("/preentry?lang=ja-yasashii"));
        assertThat(d.findElements(By.cssSelector(".langs a")).stream().map(WebElement::getText).toList())
                .containsExactly("日本語", "やさしい日本語", "English", "中文", "한국어");
        assertThat(d.findElement(By.cssSelector(".langs a[aria-current=true]")).getText()).isEqualTo("やさしい日本語");
        assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        assertThat(text("begin")).isEqualTo("入力(にゅうりょく)を はじめる");
        holdFilledDraft();
        d.get(app.url("/preentry/step/certificates"));
        assertThat(text("RESIDENCE_CERTIFICATE-recordIndividualNumber-hint")).contains("マイナンバーの 番号は 入力(にゅうりょく)しません");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        d.get(app.url("/preentry/confirm"));
        d.findElement(By.id("finish")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("short-code")));
        // The closing note comes first in the page's own language.
        assertThat(d.findElement(By.cssSelector("#end p")).getText()).startsWith("区役所(くやくしょ)に 来る ときは");
        assertThat(text("places")).isEqualTo("本庁舎南館 1階(かい) 戸籍住民課");
        d.findElement(By.id("delete")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
        d.get(app.url("/preentry?lang=ja"));
    }

    @Test
    void aLongNameIsKeptWholeAndTheMessageCountsWhatWasTyped() {
        holdFilledDraft();
        d.get(app.url("/preentry/step/applicant?lang=ja"));
        String longName = "あ".repeat(52) + " " + "い".repeat(51);
        type("name", longName);
        d.findElement(By.id("next")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));
        assertThat(d.findElement(By.id("name")).getAttribute("value")).isEqualTo(longName);
        assertThat(text("name-error")).contains("30文字以内", "今 104 文字");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void aPostalCodeOutsideItabashiIsAnswered() {
        holdFilledDraft();
        d.get(app.url("/preentry/step/address?lang=ja"));
        type("address", "");
        // As soon as seven digits are typed (script)…
        type("postalCode", "9999999");
        browser.await(d2 -> d2.findElement(By.id("postalCode-lookup")).getText().contains("板橋区内のものではない"));
        // …and by the button, which works without the script.
        type("postalCode", "999-9999");
        WebElement before = d.findElement(By.id("postalCode-lookup"));
        d.findElement(By.cssSelector("button[value=lookup]")).click();
        browser.await(ExpectedConditions.stalenessOf(before));
        assertThat(text("postalCode-lookup")).contains("板橋区内のものではない", "住所をそのまま入力");
        assertThat(d.findElement(By.id("address")).getAttribute("value")).isEmpty();
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();

        // An Itabashi code fills the town and says so; one not typed yet is asked for.
        type("postalCode", "173-0004");
        d.findElement(By.cssSelector("button[value=lookup]")).click();
        browser.await(d2 -> d2.findElement(By.id("address")).getAttribute("value").equals("東京都板橋区板橋"));
        assertThat(text("postalCode-lookup")).contains("町名まで表示しました");
        type("postalCode", "");
        d.findElement(By.cssSelector("button[value=lookup]")).click();
        browser.await(d2 -> d2.findElement(By.id("postalCode-lookup")).getText().contains("郵便番号を入力してから"));

        d.get(app.url("/preentry/step/address?lang=en"));
        type("postalCode", "999-9999");
        d.findElement(By.cssSelector("button[value=lookup]")).click();
        browser.await(d2 -> d2.findElement(By.id("postalCode-lookup")).getText().contains("not in Itabashi"));
    }

    @Test
    void aCharacterTheFormsCannotPrintIsNamedBeforeTheVisit() {
        holdFilledDraft();
        d.get(app.url("/preentry/step/applicant?lang=ja"));
        assertThat(d.findElement(By.id("name")).getAttribute("value")).contains("𠮷");
        assertThat(text("name-hint")).contains("印刷できない字のときは").doesNotContain("𠮷なども入力できます");
        assertThat(text("name-unprintable")).contains("「𠮷」", "〓", "手書き");
        assertThat(d.findElement(By.id("name")).getAttribute("aria-describedby")).contains("name-unprintable");
        // 髙 is in the form font: only 𠮷 is named.
        assertThat(text("name-unprintable")).doesNotContain("髙");
        assertThat(d.findElements(By.id("kana-unprintable"))).isEmpty();
        assertThat(browser.seriousAccessibilityViolations()).as("applicant").isEmpty();

        d.get(app.url("/preentry/confirm"));
        assertThat(text("unprintable")).contains("印刷できない字");
        assertThat(d.findElement(By.tagName("main")).getText()).contains("「𠮷」は用紙の字体にない");
        assertThat(browser.seriousAccessibilityViolations()).as("confirmation").isEmpty();
        d.get(app.url("/preentry/confirm?lang=en"));
        assertThat(d.findElement(By.tagName("main")).getText()).contains("The form font does not have \"𠮷\"");
    }

    @Test
    void theQrPageNamesBuildingFloorAndDepartmentAsTheFloorConfigurationDoes() {
        holdFilledDraft();
        d.get(app.url("/preentry/confirm?lang=ja"));
        d.findElement(By.id("finish")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("short-code")));
        assertThat(text("places")).isEqualTo("本庁舎南館 1階 戸籍住民課");
        assertThat(d.findElement(By.tagName("main")).getText()).doesNotContain("本庁舎1階");
        // The closing box reads across, its heading on one line above the notes (not squeezed into a column).
        org.openqa.selenium.Rectangle heading = d.findElement(By.id("end-title")).getRect();
        assertThat(heading.getWidth()).isGreaterThan(heading.getHeight() * 3);
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        d.findElement(By.id("delete")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));

        holdFilledDraft();
        d.get(app.url("/preentry/confirm?lang=en"));
        d.findElement(By.id("finish")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("short-code")));
        assertThat(text("places")).isEqualTo(
                "City Hall South Building（本庁舎南館）, Floor 1, Family Register and Resident Records（戸籍住民課）");
        assertThat(d.findElement(By.tagName("main")).getText()).containsPattern("Valid until 20\\d\\d-\\d\\d-\\d\\d \\d{1,2}:\\d\\d");
        d.findElement(By.id("delete")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
    }

    @Test
    void theResidenceCertificateAsksWhetherToShowIndividualNumberAndResidentCode() throws Exception {
        d.get(app.url("/preentry?lang=ja"));
        d.findElement(By.id("proc-juminhyo")).click();
        d.findElement(By.id("begin")).click();
        browser.await(ExpectedConditions.urlContains("/preentry/step/applicant"));
        type("name", "板橋 良子");
        type("kana", "いたばし よしこ");
        type("birthDate", "平成2年4月1日");
        next("/preentry/step/address");
        type("postalCode", "173-0004");
        type("address", "東京都板橋区板橋2-66-1");
        next("/preentry/step/household");
        type("householder", "板橋 良子");
        type("relationship", "本人");
        next("/preentry/step/contact");
        type("phone", "090-1234-5678");
        next("/preentry/step/certificates");

        // A choice of what the certificate shows: the number itself is never asked for.
        assertThat(text("RESIDENCE_CERTIFICATE-recordIndividualNumber-hint")).contains("番号そのものを入力する必要はありません");
        assertThat(d.findElement(By.tagName("main")).getText()).contains("個人番号（マイナンバー）の記載", "住民票コードの記載");
        assertThat(d.findElements(By.cssSelector("input[type=text][name*=ndividual]"))).isEmpty();
        new Select(d.findElement(By.id("RESIDENCE_CERTIFICATE-certificateType"))).selectByIndex(1);
        d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordDomicile'][value=no]")).click();
        d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordRelationship'][value=no]")).click();
        d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordIndividualNumber'][value=yes]")).click();
        type("RESIDENCE_CERTIFICATE-copies", "1");
        type("RESIDENCE_CERTIFICATE-purpose", "勤務先へ提出");
        d.findElement(By.id("next")).click();
        // Left open, the 住民票コード question is asked again like the others.
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("RESIDENCE_CERTIFICATE-recordResidentCode-error")));
        assertThat(browser.seriousAccessibilityViolations()).as("certificates with an open question").isEmpty();
        d.findElement(By.cssSelector("input[name='RESIDENCE_CERTIFICATE.recordResidentCode'][value=no]")).click();
        next("/preentry/confirm");
        assertThat(d.findElement(By.tagName("main")).getText())
                .contains("個人番号（マイナンバー）の記載\n必要", "住民票コードの記載\n不要");
        d.findElement(By.id("finish")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("short-code")));
        String shortCode = text("short-code");

        // At the counter the choice is there to check, and the printed request carries it (the tick itself:
        // PdfFormPrinterTest).
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
                    .contains("記載する項目", "個人番号（マイナンバー）", "住民票コード");
        }
        d.findElement(By.id("delete")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
    }
}

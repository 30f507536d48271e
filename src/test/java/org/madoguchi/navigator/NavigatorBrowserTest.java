package org.madoguchi.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.platform.JapaneseDates;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A family with a child answers the 転入 flow in a real browser (no script needed), takes the outcome's QR
 * code to the kiosk, and gets ONE ticket for 戸籍住民課, 国保年金課 and 子育て支援課.
 */
class NavigatorBrowserTest {

    private static final TestApp app = TestApp.shared();
    private static Browser phone;
    private static Browser kiosk;

    @BeforeAll
    static void browsers() {
        app.resetReception();
        phone = new Browser(1000, 1400);
        kiosk = new Browser(1280, 1024);
    }

    @AfterAll
    static void close() {
        phone.close();
        kiosk.close();
    }

    @Test
    void familyWithAChildMovesInAndTakesOneTicket() throws Exception {
        WebDriver p = phone.driver();
        p.get(app.url("/navi?lang=ja"));
        assertThat(phone.seriousAccessibilityViolations()).as("index accessibility").isEmpty();
        phone.screenshot("navigator-index");
        go(p, "flow-tennyu");

        choose(p, "domestic");
        assertThat(phone.seriousAccessibilityViolations()).as("question accessibility").isEmpty();
        phone.screenshot("navigator-question");
        go(p, "next");
        choose(p, "yes");
        go(p, "next");
        // Forgetting to choose keeps us on the question with a message, not an error page.
        go(p, "next");
        assertThat(p.findElement(By.id("error")).getText()).contains("選択肢から選んでください");
        assertThat(phone.seriousAccessibilityViolations()).as("question with error accessibility").isEmpty();
        choose(p, "kokuho");
        go(p, "next");
        choose(p, "1");
        go(p, "next");
        // Back keeps the answer just given.
        go(p, "back");
        assertThat(p.findElement(By.cssSelector("input[value='1']")).isSelected()).isTrue();
        go(p, "next");
        choose(p, "age20");
        go(p, "next");
        choose(p, "no");
        go(p, "next");
        // The move date: an impossible 和暦 date is refused beside the field and what was typed stays there.
        p.findElement(By.id("date-input")).sendKeys("令和元年4月1日");
        go(p, "next");
        assertThat(p.findElement(By.id("error")).getText()).contains("平成31年4月1日です");
        assertThat(p.findElement(By.id("date-input")).getAttribute("value")).isEqualTo("令和元年4月1日");
        assertThat(phone.seriousAccessibilityViolations()).as("date question with error accessibility").isEmpty();
        phone.screenshot("navigator-date-error");
        LocalDate moved = LocalDate.now(NavigatorUsage.ZONE).minusDays(3);
        p.findElement(By.id("date-input")).clear();
        p.findElement(By.id("date-input")).sendKeys("R" + (moved.getYear() - 2018) + "." + moved.getMonthValue() + "."
                + moved.getDayOfMonth());
        go(p, "next");

        phone.await(ExpectedConditions.urlContains("/navi/tennyu/result"));
        assertThat(p.getCurrentUrl()).doesNotContain("%40").contains("children=1").contains("moved=" + moved);
        assertThat(p.findElements(By.cssSelector(".navi-dept h3"))).extracting(e -> e.getText())
                .containsExactly("戸籍住民課", "子育て支援課（子どもの手当医療係）", "国保年金課");
        String route = p.findElement(By.cssSelector(".navi-route")).getText();
        assertThat(route).contains("転入届").contains("14日以内")
                .contains("届出の期限: " + JapaneseDates.wareki(moved.plusDays(14))).contains("児童手当の認定請求").contains("子ども医療証")
                .contains("国民健康保険の加入").contains("いま待っている方 0人").contains("1階 A").contains("1番窓口〜8番窓口");
        assertThat(p.findElement(By.id("preentry")).getAttribute("href")).contains("/preentry?plan=MDG1%3A");
        assertThat(p.findElement(By.id("short-code")).getText()).matches("N[2-9A-Z]{6}");
        assertThat(phone.seriousAccessibilityViolations()).as("outcome accessibility").isEmpty();
        phone.screenshot("navigator-result");

        // The visitor's phone shows the QR code; the kiosk's reader sees the picture.
        byte[] png = p.findElement(By.cssSelector("#plan-qr svg")).getScreenshotAs(OutputType.BYTES);
        String code = decode(ImageIO.read(new ByteArrayInputStream(png)));
        assertThat(code).startsWith("MDG1:koseki-jumin=tennyu+mynumber-jusho/");

        kiosk.pair(app, NavigatorPlanTest.device());
        WebDriver k = kiosk.driver();
        k.get(app.url("/kiosk"));
        // A keyboard-wedge reader types the code and Enter.
        new Actions(k).sendKeys(code + Keys.ENTER).perform();
        kiosk.await(ExpectedConditions.urlContains("/kiosk/tickets/"));
        assertThat(k.findElement(By.id("route")).getText()).contains("戸籍住民課").contains("国保年金課").contains("子育て支援課");

        List<Map<String, Object>> visits = app.jdbc().sql("""
                        SELECT t.id, v.department_id FROM reception.ticket t JOIN reception.visit v ON v.ticket_id = t.id
                        ORDER BY v.seq""").query().listOfRows();
        assertThat(visits.stream().map(v -> v.get("id")).distinct()).as("one ticket").hasSize(1);
        assertThat(visits).extracting(v -> v.get("department_id")).containsExactly("koseki-jumin", "kosodate", "kokuho-nenkin");
    }

    @Test
    void easyJapaneseQuestionAndOutcomeAreAccessible() {
        WebDriver p = phone.driver();
        p.get(app.url("/navi/juminhyo?lang=ja-yasashii"));
        assertThat(p.findElement(By.id("question")).getText()).contains("どの 証明書(しょうめいしょ)が いりますか");
        assertThat(phone.seriousAccessibilityViolations()).as("easy Japanese question").isEmpty();
        p.get(app.url("/navi/juminhyo/result?kind=juminhyo&who=self&card=yes&lang=en"));
        assertThat(p.findElement(By.id("fee-table")).getText()).contains("¥200").contains("¥300").contains("¥400");
        assertThat(phone.seriousAccessibilityViolations()).as("English outcome with fees").isEmpty();
        phone.screenshot("navigator-result-en");
        p.get(app.url("/navi?lang=ja"));
    }

    /** Follows a link or submits the question, and waits until the next page has replaced this one. */
    private static void go(WebDriver driver, String id) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        element.click();
        // Chrome may also report the old node as no longer in the document: that is gone too.
        wait.until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        // The old page is gone once its element is stale; the new one is usable once it has finished loading.
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState")));
    }

    private static void choose(WebDriver driver, String value) {
        driver.findElement(By.cssSelector("input[value='" + value + "']")).click();
    }

    private static String decode(BufferedImage image) throws Exception {
        // Scale up so each module is several pixels wide, as a kiosk camera would see it.
        BufferedImage big = new BufferedImage(image.getWidth() * 3, image.getHeight() * 3, BufferedImage.TYPE_INT_RGB);
        big.createGraphics().drawImage(image, 0, 0, big.getWidth(), big.getHeight(), null);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(big.getWidth(), big.getHeight(),
                big.getRGB(0, 0, big.getWidth(), big.getHeight(), null, 0, big.getWidth()))));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

}

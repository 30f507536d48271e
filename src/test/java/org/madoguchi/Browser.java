package org.madoguchi;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, installed by {@code .ci/run}),
 * with the accessibility check (axe-core) and screenshots under {@code target/screenshots/} (copied into docs/screenshots/
 * by hand when a screen changes).
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("madoguchi.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("madoguchi.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;

    public Browser(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=ja", "--window-size=" + width + "," + height,
                "--autoplay-policy=no-user-gesture-required");
        // The console log, so that tests can find policy violations and script errors.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        // The size asked for is the page's viewport (a TV or kiosk shows no browser frame): grow the window by
        // whatever frame headless Chrome still counts.
        Object inner = ((JavascriptExecutor) driver).executeScript("return [window.innerWidth, window.innerHeight];");
        List<?> size = (List<?>) inner;
        int frameW = width - ((Number) size.get(0)).intValue();
        int frameH = height - ((Number) size.get(1)).intValue();
        if (frameW > 0 || frameH > 0) {
            driver.manage().window().setSize(new Dimension(width + Math.max(0, frameW), height + Math.max(0, frameH)));
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    public <T> T await(Function<WebDriver, T> condition) {
        // Live pages re-render lists while we read them; a stale element just means "look again".
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Signs in through the staff login page, as a person would. */
    public void signIn(TestApp app, String login, String password) {
        driver.get(app.url("/login"));
        driver.findElement(By.id("username")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Pairs this browser as a kiosk or board with a device token, as staff do once at /devices/pair. */
    public void pair(TestApp app, String deviceToken) {
        driver.get(app.url("/devices/pair"));
        driver.findElement(By.id("token")).sendKeys(deviceToken);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        await(d -> !d.getCurrentUrl().contains("/devices/pair"));
    }

    /** axe-core's serious and critical violations of WCAG 2.x A/AA on the current page. */
    public List<String> seriousAccessibilityViolations() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(driver);
        return results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Browser::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
    }

    /** Console messages since the last call (Chrome hands each out once). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** Saves a screenshot as target/screenshots/{name}.png; the build never writes into docs/. */
    public void screenshot(String name) {
        try {
            Path target = Path.of("target/screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package org.madoguchi.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Walks every screen in a real Chromium at the sizes a city hall uses, on a busy demo day and after closing, and
 * writes a screenshot of each with what a person would notice: a page that scrolls sideways, text cut off or
 * running off the screen, one character per line, targets too small to touch, accessibility violations, script
 * errors. Not part of {@code ./mvnw verify} (it takes minutes and its output is for people to look at); run it with
 * {@code ./mvnw test -Dtest=ScreenWalk}: screenshots and {@code report.md} land in {@code target/walk/}. It fails
 * when it finds anything, so a walk can also be a check.
 */
class ScreenWalk {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Path OUT = Path.of("target/walk");
    private static final Actor MANAGER = Actor.staff(9901, Actor.Role.MANAGER, Set.of());

    record Size(String name, int width, int height) {
    }

    static final Size TV = new Size("tv-1920x1080", 1920, 1080);
    static final Size KIOSK = new Size("kiosk-1080x1920", 1080, 1920);
    static final Size PC = new Size("pc-1366x768", 1366, 768);
    static final Size PHONE = new Size("phone-390x844", 390, 844);

    /** A screen, who looks at it, and at which sizes it is used. */
    record Screen(String name, String path, Who who, List<Size> sizes) {
    }

    enum Who { PUBLIC, STAFF, KIOSK, BOARD }

    private final List<String> findings = new ArrayList<>();
    private final StringBuilder report = new StringBuilder("# Screen walk\n\n");

    @Test
    void walkEveryScreenByDayAndAfterClosing(@TempDir Path dir) throws IOException {
        Files.createDirectories(OUT);
        try {
            // By day: the demo's busy floor, its clock a Monday morning.
            walk("day", dir.resolve("day"), LocalDateTime.of(2026, 12, 7, 10, 0), true);
            // After closing: the same Monday at 18:30, nobody served any more.
            walk("night", dir.resolve("night"), LocalDateTime.of(2026, 12, 7, 18, 30), false);
        } finally {
            Files.writeString(OUT.resolve("report.md"), report, StandardCharsets.UTF_8);
        }
        assertThat(findings).as("see target/walk/report.md").isEmpty();
    }

    private void walk(String when, Path dir, LocalDateTime at, boolean demo) throws IOException {
        Instant now = at.atZone(TOKYO).toInstant();
        // A real SMTP server, so that the ticket page offers mail notification as a configured city's does.
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        TestApp app = TestApp.start(Map.of("madoguchi.embedded-db.data-dir", dir.resolve("pg").toString(),
                "madoguchi.admin.password-file", dir.resolve("pw.txt").toString(),
                "madoguchi.reception.opening-hours", "true", "madoguchi.demo.enabled", Boolean.toString(demo),
                "madoguchi.demo.speed", "60", "madoguchi.liveinfo.refresh", "PT1S",
                "spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(smtpPort),
                "madoguchi.liveinfo.mail.ephemeral-key", "true"),
                Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now)));
        try {
            String token = app.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                    List.of(new ItineraryStep("koseki-jumin", List.of()), new ItineraryStep("kokuho-nenkin", List.of())),
                    null, null, null), MANAGER).ticket().publicToken();
            if (demo) {
                // Let the demo fill the floor first.
                pause(20_000);
            }
            report.append("## ").append(when).append(" (").append(at).append(" in Tokyo)\n\n");
            for (Screen screen : screens(token)) {
                for (Size size : screen.sizes()) {
                    visit(app, when, screen, size);
                }
            }
        } finally {
            app.close();
            smtp.stop();
        }
    }

    private static List<Screen> screens(String ticketToken) {
        List<Size> all = List.of(TV, KIOSK, PC, PHONE);
        List<Size> desk = List.of(TV, PC);
        return List.of(
                new Screen("home", "/", Who.PUBLIC, all),
                new Screen("live-status", "/live/honcho?lang=ja", Who.PUBLIC, all),
                new Screen("live-status-en", "/live/honcho?lang=en", Who.PUBLIC, List.of(PHONE, PC)),
                new Screen("live-status-easy", "/live/honcho?lang=ja-yasashii", Who.PUBLIC, List.of(PHONE)),
                new Screen("forecast", "/live/honcho/forecast?lang=ja", Who.PUBLIC, all),
                new Screen("live-help", "/live/help?lang=ja", Who.PUBLIC, List.of(PHONE, PC)),
                new Screen("ticket", "/t/" + ticketToken, Who.PUBLIC, List.of(PHONE, PC)),
                new Screen("ticket-mail", "/t/" + ticketToken + "/mail", Who.PUBLIC, List.of(PHONE, PC)),
                new Screen("navigator", "/navi?lang=ja", Who.PUBLIC, all),
                new Screen("navigator-zh", "/navi?lang=zh", Who.PUBLIC, List.of(PHONE)),
                new Screen("preentry", "/preentry?lang=ja", Who.PUBLIC, all),
                new Screen("preentry-ko", "/preentry?lang=ko", Who.PUBLIC, List.of(PHONE)),
                new Screen("login", "/login", Who.PUBLIC, List.of(PC, PHONE)),
                new Screen("kiosk", "/kiosk?lang=ja", Who.KIOSK, List.of(KIOSK, PC)),
                new Screen("kiosk-en", "/kiosk?lang=en", Who.KIOSK, List.of(KIOSK)),
                new Screen("board", "/board", Who.BOARD, List.of(TV, PC)),
                new Screen("console", "/console/honcho-1", Who.STAFF, desk),
                new Screen("console-chooser", "/console", Who.STAFF, desk),
                new Screen("floor", "/floor?office=honcho&lang=ja", Who.STAFF, desk),
                new Screen("preentry-console", "/console/preentry", Who.STAFF, desk),
                new Screen("statistics", "/statistics", Who.STAFF, desk),
                new Screen("statistics-audit", "/statistics/audit", Who.STAFF, desk),
                new Screen("statistics-write-free", "/statistics/write-free", Who.STAFF, desk),
                new Screen("statistics-reports", "/statistics/reports", Who.STAFF, desk),
                new Screen("statistics-import", "/statistics/import", Who.STAFF, desk),
                new Screen("admin", "/admin", Who.STAFF, desk),
                new Screen("account", "/account", Who.STAFF, desk));
    }

    private void visit(TestApp app, String when, Screen screen, Size size) throws IOException {
        if (screen.name().equals("ticket-mail")
                && !new Http(app).get(screen.path().replace("/mail", "")).body().contains("id=\"mail-link\"")) {
            // The ticket ended meanwhile (the demo's clerks serve it): its page no longer leads here.
            report.append("- ").append(screen.path()).append(" — not offered any more, the ticket has ended\n");
            return;
        }
        try (Browser browser = new Browser(size.width(), size.height())) {
            switch (screen.who()) {
                case STAFF -> browser.signIn(app, "admin", TestApp.ADMIN_PASSWORD);
                case KIOSK -> browser.pair(app, app.device("KIOSK", "honcho"));
                case BOARD -> browser.pair(app, app.device("DISPLAY", "honcho"));
                case PUBLIC -> { }
            }
            browser.driver().get(app.url(screen.path()));
            // Live screens fill themselves from the event stream; give them a moment, as a person would.
            pause(screen.who() == Who.PUBLIC ? 800 : 2_500);
            String name = when + "/" + size.name() + "/" + screen.name();
            Files.createDirectories(OUT.resolve(name).getParent());
            browser.screenshot("../walk/" + name);
            List<String> found = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<String> layout = (List<String>) ((JavascriptExecutor) browser.driver())
                    .executeScript(LAYOUT_CHECK, screen.who() == Who.KIOSK ? 64 : 24);
            found.addAll(layout);
            found.addAll(browser.seriousAccessibilityViolations());
            browser.consoleMessages().stream().filter(m -> m.startsWith("SEVERE")).forEach(found::add);
            report.append("- `").append(name).append(".png` ").append(screen.path()).append(found.isEmpty() ? " — ok\n" : "\n");
            for (String f : found) {
                report.append("  - ").append(f).append('\n');
                findings.add(name + ": " + f);
            }
        }
    }

    /**
     * What a person would notice on the layout: the page scrolling sideways, text running off the screen or cut off
     * by its box, narrow boxes breaking text one character per line, and targets smaller than arguments[0] px.
     */
    private static final String LAYOUT_CHECK = """
            const minTarget = arguments[0];
            const out = [];
            const W = document.documentElement.clientWidth;
            const say = (el) => {
              const id = el.id ? '#' + el.id : '';
              const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
              return el.tagName.toLowerCase() + id + cls + ' "' + (el.innerText || el.value || '').trim().slice(0, 30) + '"';
            };
            const visible = (el, cs, r) => cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 1 && r.height > 1
              && el.closest('[hidden],[aria-hidden=true]') === null;
            if (document.documentElement.scrollWidth > W + 1) {
              out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px on ' + W + ' px');
            }
            for (const el of document.querySelectorAll('body *')) {
              const cs = getComputedStyle(el);
              const r = el.getBoundingClientRect();
              if (!visible(el, cs, r)) continue;
              if (r.right > W + 1 && r.left < W && el.children.length === 0 && el.innerText && el.innerText.trim()) {
                out.push('runs off the screen: ' + say(el));
              }
              const clipping = cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.textOverflow === 'ellipsis';
              if (clipping && el.scrollWidth > el.clientWidth + 1 && el.innerText && el.innerText.trim()) {
                out.push('text cut off: ' + say(el) + ' (' + el.scrollWidth + ' in ' + el.clientWidth + ' px)');
              }
              const fs = parseFloat(cs.fontSize);
              const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
              if (text.length >= 3 && r.width < 1.6 * fs && r.height > 2.5 * fs) {
                out.push('one character per line: ' + say(el));
              }
            }
            for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=button]')) {
              const cs = getComputedStyle(el);
              const r = el.getBoundingClientRect();
              if (!visible(el, cs, r)) continue;
              // Links inside running text are exempt (WCAG 2.5.8 inline exception).
              if (el.tagName === 'A' && el.closest('p, li, td, dd') && cs.display === 'inline') continue;
              // A check box or radio button is also pressed through its label.
              const boxes = [r, ...[...(el.labels || [])].map(l => l.getBoundingClientRect())];
              const w = Math.max(...boxes.map(b => b.width)), h = Math.max(...boxes.map(b => b.height));
              if (w < minTarget || h < minTarget) {
                out.push('small target: ' + say(el) + ' ' + Math.round(w) + '×' + Math.round(h) + ' px');
              }
            }
            return [...new Set(out)];
            """;

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

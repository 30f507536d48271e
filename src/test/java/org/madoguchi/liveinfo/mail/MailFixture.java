package org.madoguchi.liveinfo.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;

/**
 * One in-process SMTP server (GreenMail) and one application instance pointed at it, shared by the mail
 * tests of this JVM. The instance sends quickly and retries after a second, so the tests stay short.
 */
final class MailFixture {

    static final Actor MANAGER = Actor.staff(7101, Actor.Role.MANAGER, Set.of());
    static final String BASE_URL = "https://madoguchi.example.jp";
    static final byte[] KEY = new byte[32];
    static final int CLIENT_LIMIT = 40;

    private static MailFixture instance;

    final GreenMail smtp;
    final int smtpPort;
    final TestApp app;
    final Http http;

    private MailFixture() {
        new SecureRandom().nextBytes(KEY);
        smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.start(Map.ofEntries(
                Map.entry("spring.mail.host", "127.0.0.1"),
                Map.entry("spring.mail.port", String.valueOf(smtpPort)),
                Map.entry("madoguchi.public-base-url", BASE_URL),
                Map.entry("madoguchi.liveinfo.mail.from", "noreply@madoguchi.example.jp"),
                Map.entry("madoguchi.liveinfo.mail.keys.t1", Base64.getEncoder().encodeToString(KEY)),
                Map.entry("madoguchi.liveinfo.mail.active-key", "t1"),
                Map.entry("madoguchi.liveinfo.mail.send-interval", "PT0.2S"),
                Map.entry("madoguchi.liveinfo.mail.evaluate-interval", "PT2S"),
                Map.entry("madoguchi.liveinfo.mail.retry-base", "PT1S"),
                Map.entry("madoguchi.liveinfo.mail.retry-max", "PT1S"),
                Map.entry("madoguchi.liveinfo.mail.registrations-per-client", String.valueOf(CLIENT_LIMIT))));
        http = new Http(app);
    }

    static synchronized MailFixture get() {
        if (instance == null) {
            instance = new MailFixture();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.app.close();
                instance.smtp.stop();
            }));
        }
        return instance;
    }

    /** A clean slate: no tickets, no subscriptions, no mails, no rate-limit history. */
    void reset() {
        app.resetReception();
        app.jdbc().sql("""
                TRUNCATE liveinfo.mail_outbox, liveinfo.mail_subscription, liveinfo.mail_access_log,
                    liveinfo.mail_confirmation_sent""").update();
        app.bean(MailRegistrations.class).clearRateLimits();
        try {
            // A mail the previous test queued may be on the wire right now; let it land, then empty the mailboxes.
            app.bean(MailWorkers.class).awaitPassesInFlight();
            smtp.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ReceptionService reception() {
        return app.bean(ReceptionService.class);
    }

    Ticket issue(String department) {
        return reception().issue(new IssueTicket("honcho", List.of(new ItineraryStep(department, List.of())), null,
                null, null), MANAGER).ticket();
    }

    List<MimeMessage> awaitMails(int count, long timeoutMs) {
        smtp.waitForIncomingEmail(timeoutMs, count);
        return List.of(smtp.getReceivedMessages());
    }

    /** A page with a form, its cookies and its CSRF token, as a browser would hold them. */
    record Page(int status, String body, String cookies, String csrf) {
    }

    Page get(String path) {
        Http.Response r = http.get(path);
        Matcher hidden = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(r.body());
        return new Page(r.status(), r.body(), r.cookies(), hidden.find() ? hidden.group(1) : null);
    }

    Http.Response post(String path, Page from, String... nameValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            pairs.add(enc(nameValues[i]) + "=" + enc(nameValues[i + 1]));
        }
        if (from.csrf() != null) {
            pairs.add("_csrf=" + enc(from.csrf()));
        }
        HttpRequest.Builder request = http.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        if (!from.cookies().isEmpty()) {
            request.header("Cookie", from.cookies());
        }
        return http.send(request);
    }

    /** GET the form for its CSRF token, then POST a registration; the answer is the page asking for the code. */
    Http.Response register(String ticketToken, String address, String... levels) {
        return registerFrom(ticketToken, address, levels).response();
    }

    /** A registration's answer, with the page (cookies, CSRF token) the browser now holds. */
    record Registration(Http.Response response, Page page) {
    }

    Registration registerFrom(String ticketToken, String address, String... levels) {
        Page form = get("/t/" + ticketToken + "/mail");
        List<String> values = new ArrayList<>(List.of("address", address));
        for (String level : levels) {
            values.add("notify");
            values.add(level);
        }
        Http.Response response = post("/t/" + ticketToken + "/mail", form, values.toArray(String[]::new));
        return new Registration(response, page(response, form.cookies()));
    }

    /** Registers, reads the code from the confirmation mail, types it; the answer is the "registered" page. */
    Http.Response registerConfirmed(String ticketToken, String address, String... levels) {
        Registration registration = registerFrom(ticketToken, address, levels);
        if (registration.response().status() != 200) {
            throw new AssertionError("registration: " + registration.response().status());
        }
        Http.Response confirmed = confirm(ticketToken, registration.page(), confirmationCode(address));
        // The notices a test waits for are then the only mails.
        try {
            smtp.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return confirmed;
    }

    Http.Response confirm(String ticketToken, Page codePage, String code) {
        return post("/t/" + ticketToken + "/mail/confirm", codePage, "pending", pending(codePage), "code", code);
    }

    /** The id of the registration the code page asks about. */
    static String pending(Page codePage) {
        Matcher m = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"").matcher(codePage.body());
        if (!m.find()) {
            throw new AssertionError("no pending registration on the page");
        }
        return m.group(1);
    }

    /** The code of the latest confirmation mail to {@code address} (waits for it). */
    String confirmationCode(String address) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String code = null;
            for (MimeMessage m : smtp.getReceivedMessages()) {
                try {
                    if (m.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                        Matcher found = Pattern.compile("確認コード: (\\d{6})").matcher((String) m.getContent());
                        if (found.find()) {
                            code = found.group(1);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            if (code != null) {
                return code;
            }
            smtp.waitForIncomingEmail(200, smtp.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no confirmation mail to the address");
    }

    static Page page(Http.Response response, String cookies) {
        Matcher hidden = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(response.body());
        String more = response.cookies();
        return new Page(response.status(), response.body(), more.isEmpty() ? cookies : more,
                hidden.find() ? hidden.group(1) : null);
    }

    long count(String table) {
        return app.jdbc().sql("SELECT count(*) FROM liveinfo." + table).query(Long.class).single();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

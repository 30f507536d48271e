package org.madoguchi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console log in the structured (ECS JSON) format, with the application's own loggers at DEBUG, through a
 * realistic morning: a ticket issued, called and completed, a resident's pre-entry with name, birth date and
 * address, a mail subscription with its address, confirmation and notification, the visitor's page by its token,
 * a staff API token in use, and sign-ins with a wrong password. Every line is one JSON object, and none of the
 * personal values or secrets appear anywhere in the output.
 */
class StructuredLogPrivacyTest {

    private static final String NAME = "蔵前　紗和子";
    private static final String KANA = "クラマエ　サワコ";
    private static final String BIRTH_DATE = "1987-11-23";
    private static final String ADDRESS = "東京都板橋区板橋二丁目66番1号";
    private static final String MAIL = "sawako.kuramae@example.jp";
    private static final String WRONG_PASSWORD = "not-the-password-7781";
    private static final String CONSOLE_FORMAT = "CONSOLE_LOG_STRUCTURED_FORMAT";
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void structuredLogsOfARealisticFlowHoldNothingPersonal() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Logger ours = (Logger) LoggerFactory.getLogger("org.madoguchi");
        Level before = ours.getLevel();
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        byte[] mailKey = new byte[32];
        new SecureRandom().nextBytes(mailKey);
        List<String> secrets = new ArrayList<>(List.of(NAME, KANA, BIRTH_DATE, ADDRESS, MAIL, WRONG_PASSWORD,
                TestApp.ADMIN_PASSWORD));
        TestApp.database();
        // Spring Boot passes the format to Logback as a system property and keeps one set by an earlier application in
        // this JVM (the shared test application sets it empty): one process, one format, as in production.
        String formatBefore = System.getProperty(CONSOLE_FORMAT);
        System.setProperty(CONSOLE_FORMAT, "ecs");
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        TestApp app = null;
        try {
            app = TestApp.start(Map.ofEntries(
                    // Tests otherwise log through logback-test.xml; this one as production does with the property set.
                    Map.entry("logging.config", "classpath:logback-structured.xml"),
                    Map.entry("logging.structured.format.console", "ecs"),
                    Map.entry("logging.level.root", "INFO"),
                    Map.entry("logging.level.org.madoguchi", "DEBUG"),
                    // The test's own SMTP server (not part of the application) logs each recipient it creates.
                    Map.entry("logging.level.com.icegreen", "WARN"),
                    Map.entry("spring.mail.host", "127.0.0.1"),
                    Map.entry("spring.mail.port", String.valueOf(smtpPort)),
                    Map.entry("madoguchi.liveinfo.mail.keys.t1", Base64.getEncoder().encodeToString(mailKey)),
                    Map.entry("madoguchi.liveinfo.mail.active-key", "t1"),
                    Map.entry("madoguchi.liveinfo.mail.send-interval", "PT0.2S")));
            app.resetReception();
            Http admin = new Http(app).admin();
            String staffToken = admin.post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "log test")))
                    .json().path("token").asString();
            secrets.add(staffToken);
            Http staff = new Http(app).bearer(staffToken);

            // A ticket, and the visitor's own page by its token.
            JsonNode ticket = staff.post("/api/v1/offices/honcho/tickets", Http.json(Map.of("itinerary",
                    List.of(Map.of("departmentId", "koseki-jumin"))))).json();
            String publicToken = ticket.path("publicToken").asString();
            secrets.add(publicToken);
            assertThat(new Http(app).get("/t/" + publicToken).status()).isEqualTo(200);

            // The visitor asks for a mail when called, and confirms the address with the mailed code.
            Form mailForm = Form.of(new Http(app).get("/t/" + publicToken + "/mail"), "");
            Http.Response registered = mailForm.post(app, "/t/" + publicToken + "/mail", "address", MAIL,
                    "notify", "CALLED");
            assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            String code = confirmationCode(smtp);
            Form codeForm = Form.of(registered, mailForm.cookies());
            Matcher pending = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"").matcher(registered.body());
            assertThat(pending.find()).isTrue();
            assertThat(codeForm.post(app, "/t/" + publicToken + "/mail/confirm", "pending", pending.group(1),
                    "code", code).status()).isEqualTo(200);

            // Called and served: the notification mail goes out.
            assertThat(staff.post("/api/v1/counters/honcho-1/open", null).status()).isEqualTo(200);
            JsonNode called = staff.post("/api/v1/counters/honcho-1/call-next", null).json();
            assertThat(called.path("status").asString()).isEqualTo("CALLED");
            assertThat(smtp.waitForIncomingEmail(15_000, 2)).as("the call notification mail").isTrue();
            assertThat(staff.post("/api/v1/visits/" + called.path("id").asLong() + "/complete", null).status())
                    .isEqualTo(200);
            assertThat(staff.post("/api/v1/counters/honcho-1/close", null).status()).isEqualTo(200);

            // A resident's pre-entry: who they are and where they live.
            Form start = Form.of(new Http(app).get("/preentry"), "");
            Http.Response begun = start.post(app, "/preentry/start", "procedure", "tennyu");
            assertThat(begun.status()).as(begun.body()).isEqualTo(302);
            String draftCookies = start.cookies() + "; " + begun.cookies();
            secrets.add(begun.cookies().replaceFirst("^[^=]+=", "").split(";")[0]);
            Form applicant = Form.of(new Http(app).header("Cookie", draftCookies).get("/preentry/step/applicant"),
                    draftCookies);
            assertThat(applicant.post(app, "/preentry/step/applicant", "name", NAME, "kana", KANA,
                    "birthDate", BIRTH_DATE, "sex", "female", "action", "next").status()).isEqualTo(302);
            Form address = Form.of(new Http(app).header("Cookie", draftCookies).get("/preentry/step/address"),
                    draftCookies);
            assertThat(address.post(app, "/preentry/step/address", "postalCode", "173-0004", "address", ADDRESS,
                    "action", "next").status()).isEqualTo(302);

            // Sign-ins with a wrong password, on the form and over HTTP Basic.
            Form login = Form.of(new Http(app).get("/login"), "");
            Http.Response refused = login.post(app, "/login", "username", "admin", "password", WRONG_PASSWORD);
            assertThat(refused.header("Location")).endsWith("/login?error");
            assertThat(new Http(app).basic("admin", WRONG_PASSWORD).get("/api/v1/staff/me").status()).isEqualTo(401);
        } finally {
            if (app != null) {
                app.resetReception();
                app.close();
            }
            System.setOut(console);
            if (formatBefore == null) {
                System.clearProperty(CONSOLE_FORMAT);
            } else {
                System.setProperty(CONSOLE_FORMAT, formatBefore);
            }
            ours.setLevel(before);
            smtp.stop();
        }

        String output = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("the flow was logged").hasSizeGreaterThan(10);
        JsonMapper json = JsonMapper.builder().build();
        // Other applications of this test JVM may still log a plain line before the switch to JSON or after this
        // one closed; every line in between is the structured console's. All lines are searched for secrets below.
        int first = 0;
        int last = lines.size() - 1;
        while (first < lines.size() && !lines.get(first).startsWith("{")) {
            first++;
        }
        while (last > first && !lines.get(last).startsWith("{")) {
            last--;
        }
        assertThat(last - first).as("the flow was logged as JSON").isGreaterThan(10);
        for (String line : lines.subList(first, last + 1)) {
            assertThat(line).as("one JSON object per line").startsWith("{");
            JsonNode event = json.readTree(line);
            assertThat(event.has("@timestamp") && event.path("log").has("level") && event.has("message"))
                    .as("an ECS event: " + line).isTrue();
        }
        assertThat(output).as("the application's own debug lines are in it").contains("\"logger\":\"org.madoguchi.");
        for (String secret : secrets) {
            assertThat(output).as("personal value or secret in the log").doesNotContain(secret);
        }
        assertThat(output).doesNotContain(MAIL.substring(0, MAIL.indexOf('@')));
    }

    /** A page's form: its CSRF token and the cookies the browser holds for it. */
    private record Form(String csrf, String cookies) {

        static Form of(Http.Response page, String cookiesSoFar) {
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).as("a form with a CSRF token").isTrue();
            String more = page.cookies();
            String cookies = cookiesSoFar.isEmpty() ? more : more.isEmpty() ? cookiesSoFar : cookiesSoFar + "; " + more;
            return new Form(m.group(1), cookies);
        }

        Http.Response post(TestApp app, String path, String... nameValues) {
            StringBuilder body = new StringBuilder("_csrf=").append(encode(csrf));
            for (int i = 0; i < nameValues.length; i += 2) {
                body.append('&').append(encode(nameValues[i])).append('=').append(encode(nameValues[i + 1]));
            }
            Http http = new Http(app);
            HttpRequest.Builder request = http.request(path)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies);
            }
            return http.send(request);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    private static String confirmationCode(GreenMail smtp) throws Exception {
        assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("the confirmation mail").isTrue();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            Matcher code = Pattern.compile("確認コード: (\\d{6})").matcher((String) message.getContent());
            if (code.find()) {
                return code.group(1);
            }
        }
        throw new AssertionError("no code in the confirmation mail");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Writes to the real console and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}

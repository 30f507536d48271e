package org.madoguchi.liveinfo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.slf4j.LoggerFactory;

/**
 * The whole notification path over real HTTP and SMTP: a visitor registers from the ticket page, the queue
 * moves, the mails arrive with the right Japanese text and links, and the day-end purge removes the address.
 */
class MailNotificationPathTest {

    private static final String ADDRESS = "hanako.itabashi@example.jp";

    private final MailFixture fx = MailFixture.get();
    private final ReceptionService reception = fx.reception();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void setUp() {
        fx.reset();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        fx.reset();
    }

    @Test
    void registeredVisitorIsToldAtFiveAheadThreeAheadAndWhenCalledThenTheAddressIsPurged() throws Exception {
        List<Ticket> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(fx.issue("koseki-jumin"));
        }
        Ticket mine = fx.issue("koseki-jumin");

        MailFixture.Page form = fx.get("/t/" + mine.publicToken() + "/mail");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("受付番号 " + mine.number() + " 番").contains("あと5人になったとき");
        assertThat(form.csrf()).as("the form carries a CSRF token").isNotNull();
        Http.Response asked = fx.post("/t/" + mine.publicToken() + "/mail", form,
                "address", ADDRESS, "notify", "AHEAD_5", "notify", "AHEAD_3", "notify", "CALLED");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("6桁の確認コードをお送りしました").doesNotContain(ADDRESS);
        // The one confirmation mail: the code, and no link (the ticket's token goes to no unproven address).
        String code = fx.confirmationCode(ADDRESS);
        MimeMessage confirmation = fx.smtp.getReceivedMessages()[0];
        assertThat(fx.smtp.getReceivedMessages()).hasSize(1);
        assertThat(text(confirmation)).doesNotContain(mine.publicToken()).doesNotContain("http");
        fx.smtp.purgeEmailFromAllMailboxes();
        Http.Response registered = fx.confirm(mine.publicToken(), MailFixture.page(asked, form.cookies()), code);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body()).contains("登録しました").contains("呼び出されたとき").doesNotContain(ADDRESS);
        assertThat(fx.count("mail_subscription")).isEqualTo(1);
        // Six ahead: nothing yet.
        assertThat(fx.smtp.waitForIncomingEmail(800, 1)).isFalse();

        reception.openCounter("honcho-1", MailFixture.MANAGER);
        serveNext(); // others[0] called: 5 ahead
        List<MimeMessage> mails = fx.awaitMails(1, 10_000);
        assertThat(mails).hasSize(1);
        MimeMessage five = mails.get(0);
        assertThat(five.getSubject()).contains("受付番号 " + mine.number() + " 番").contains("あと 5 人");
        assertThat(text(five)).contains("あなたの前にお待ちの方は 5 人です").contains("戸籍住民課");

        serveNext(); // 4 ahead: no mail
        serveNext(); // 3 ahead
        mails = fx.awaitMails(2, 10_000);
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).getSubject()).contains("あと 3 人");

        serveNext();
        serveNext();
        serveNext(); // the sixth other is called: mine is next (0 ahead) — already told at 3
        Ticket.Visit called = serveNext().orElseThrow();
        assertThat(called.id()).isEqualTo(mine.visits().get(0).id());
        mails = fx.awaitMails(3, 10_000);
        assertThat(mails).hasSize(3);
        assertThat(fx.smtp.waitForIncomingEmail(800, 4)).as("each level once, nothing more").isFalse();

        MimeMessage call = mails.get(2);
        String counter = fx.app.bean(FloorDirectory.class).floor("honcho").counter("honcho-1").orElseThrow().labelJa();
        assertThat(call.getSubject()).isEqualTo("【" + fx.app.bean(FloorDirectory.class).floor("honcho").office().nameJa()
                + "】受付番号 " + mine.number() + " 番をお呼びしています（" + counter + "）");
        String body = text(call);
        assertThat(body).contains(counter + "へお越しください")
                .contains(MailFixture.BASE_URL + "/t/" + mine.publicToken())
                .contains(MailFixture.BASE_URL + "/t/mail/unsubscribe/");

        // Proper MIME: encoded-word subject, UTF-8 text, a decodable sender name, one recipient.
        assertThat(call.getHeader("Subject")[0]).startsWith("=?UTF-8?").matches("\\p{ASCII}+");
        assertThat(call.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(((InternetAddress) call.getFrom()[0]).getPersonal()).isEqualTo("総合窓口 呼出通知");
        assertThat(call.getAllRecipients()).extracting(Object::toString).containsExactly(ADDRESS);
        assertThat(call.getHeader("List-Unsubscribe")[0]).startsWith("<" + MailFixture.BASE_URL + "/t/mail/unsubscribe/");

        // The unsubscribe link in the mail opens a confirmation, and opening it deletes nothing.
        Matcher link = Pattern.compile("/t/mail/unsubscribe/[A-Za-z0-9_-]+").matcher(body);
        assertThat(link.find()).isTrue();
        MailFixture.Page confirm = fx.get(link.group());
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("通知を停止する");
        assertThat(fx.count("mail_subscription")).isEqualTo(1);

        // Every read of the address was logged, without the address.
        assertThat(fx.app.jdbc().sql("SELECT action FROM liveinfo.mail_access_log ORDER BY id").query(String.class).list())
                .startsWith("STORED").filteredOn("READ_FOR_SEND"::equals).hasSize(3);

        int purged = fx.app.bean(MailPurge.class).endOfDay();
        assertThat(purged).isEqualTo(1);
        assertThat(fx.count("mail_subscription")).isZero();
        assertThat(fx.count("mail_outbox")).isZero();
        assertThat(fx.app.jdbc().sql("SELECT count(*) FROM liveinfo.mail_access_log WHERE action = 'DELETED_END_OF_DAY'")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(fx.app.jdbc().sql("SELECT string_agg(row_to_json(l)::text, '') FROM liveinfo.mail_access_log l")
                .query(String.class).single()).doesNotContain(ADDRESS).doesNotContain("hanako");
        // After the purge the link leads to "already stopped".
        assertThat(fx.get(link.group()).body()).contains("すでに停止されているか");

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain("hanako"));
    }

    @Test
    void unsubscribingDeletesTheAddressAndStopsTheMails() {
        fx.issue("koseki-jumin");
        Ticket mine = fx.issue("koseki-jumin");
        Http.Response registered = fx.registerConfirmed(mine.publicToken(), ADDRESS, "CALLED");
        Matcher stop = Pattern.compile("href=\"(/t/mail/unsubscribe/[A-Za-z0-9_-]+)\"").matcher(registered.body());
        assertThat(stop.find()).isTrue();

        MailFixture.Page confirm = fx.get(stop.group(1));
        assertThat(fx.count("mail_subscription")).as("GET only asks").isEqualTo(1);
        Http.Response without = fx.post(stop.group(1), new MailFixture.Page(200, "", confirm.cookies(), null));
        assertThat(without.status()).as("POST without the CSRF token is refused").isIn(401, 403);
        assertThat(fx.count("mail_subscription")).isEqualTo(1);
        Http.Response done = fx.post(stop.group(1), confirm);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("通知を停止し、メールアドレスを削除しました");
        assertThat(fx.count("mail_subscription")).isZero();
        assertThat(fx.app.jdbc().sql("SELECT count(*) FROM liveinfo.mail_access_log WHERE action = 'DELETED_UNSUBSCRIBE'")
                .query(Long.class).single()).isEqualTo(1);

        reception.openCounter("honcho-1", MailFixture.MANAGER);
        serveNext();
        serveNext();
        assertThat(fx.smtp.waitForIncomingEmail(1500, 1)).isFalse();
    }

    @Test
    void theSameAddressAgainChangesTheChoiceInsteadOfAddingARow() {
        Ticket mine = fx.issue("koseki-jumin");
        for (int i = 0; i < 7; i++) {
            fx.issue("koseki-jumin");
        }
        assertThat(fx.registerConfirmed(mine.publicToken(), ADDRESS, "AHEAD_5").status()).isEqualTo(200);
        Http.Response again = fx.register(mine.publicToken(), ADDRESS.toUpperCase(), "CALLED");
        assertThat(again.body()).contains("登録済みのため");
        assertThat(fx.count("mail_subscription")).isEqualTo(1);
        assertThat(fx.app.jdbc().sql("SELECT notify_called AND NOT notify_ahead5 FROM liveinfo.mail_subscription")
                .query(Boolean.class).single()).isTrue();
    }

    private java.util.Optional<Ticket.Visit> serveNext() {
        // Finish whoever is at the counter, then call the next visitor.
        var state = reception.counterState("honcho-1");
        if (state.current() != null) {
            reception.start(state.current().id(), MailFixture.MANAGER);
            reception.complete(state.current().id(), MailFixture.MANAGER);
        }
        return reception.callNext("honcho-1", MailFixture.MANAGER);
    }

    static String text(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.madoguchi.liveinfo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;

/**
 * Security review finding 7: whoever holds a ticket could aim call notices at any address. Now a registration
 * mails one code to the address, and notices go there only once the code was typed on the ticket's page; codes
 * expire, allow a few tries, and one address receives only a few codes whatever the ticket.
 */
class MailConfirmationTest {

    private static final String ADDRESS = "natsuko.nerima@example.jp";

    private final MailFixture fx = MailFixture.get();
    private final ReceptionService reception = fx.reception();

    @BeforeEach
    @AfterEach
    void reset() {
        fx.reset();
    }

    @Test
    void anUnconfirmedAddressGetsNoCallMailAndAConfirmedOneDoes() throws Exception {
        Ticket mine = fx.issue("koseki-jumin");
        MailFixture.Registration registration = fx.registerFrom(mine.publicToken(), ADDRESS, "CALLED");
        assertThat(registration.response().status()).isEqualTo(200);
        String code = fx.confirmationCode(ADDRESS);
        fx.smtp.purgeEmailFromAllMailboxes();

        reception.openCounter("honcho-1", MailFixture.MANAGER);
        Ticket.Visit called = reception.callNext("honcho-1", MailFixture.MANAGER).orElseThrow();
        assertThat(called.id()).isEqualTo(mine.visits().get(0).id());
        fx.app.bean(MailTrigger.class).evaluateOffice("honcho");
        assertThat(fx.smtp.waitForIncomingEmail(2_000, 1)).as("no notice to an unproven address").isFalse();
        assertThat(fx.count("mail_outbox")).isZero();

        Http.Response confirmed = fx.confirm(mine.publicToken(), registration.page(), code);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("登録しました");
        MimeMessage call = fx.awaitMails(1, 10_000).get(0);
        assertThat(call.getSubject()).contains("受付番号 " + mine.number() + " 番をお呼びしています");
        assertThat(call.getAllRecipients()[0].toString()).isEqualTo(ADDRESS);
    }

    @Test
    void aWrongCodeIsRefusedAndAfterAFewTriesTheCodeIsSpent() {
        Ticket mine = fx.issue("koseki-jumin");
        MailFixture.Registration registration = fx.registerFrom(mine.publicToken(), ADDRESS, "CALLED");
        String code = fx.confirmationCode(ADDRESS);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

        Http.Response malformed = fx.confirm(mine.publicToken(), registration.page(), "12ab");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("確認コードは6桁の数字で入力してください");
        for (int i = 1; i <= 4; i++) {
            Http.Response refused = fx.confirm(mine.publicToken(), registration.page(), wrong);
            assertThat(refused.status()).as("attempt %d", i).isEqualTo(400);
            assertThat(refused.body()).contains("確認コードが違います").doesNotContain(ADDRESS);
        }
        Http.Response fifth = fx.confirm(mine.publicToken(), registration.page(), wrong);
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.body()).contains("確認コードの入力回数の上限に達しました");
        // Spent: even the right code no longer confirms.
        Http.Response late = fx.confirm(mine.publicToken(), registration.page(), code);
        assertThat(late.status()).isEqualTo(429);
        assertThat(confirmedRows()).isZero();

        // Registering again sends a new code, which works.
        MailFixture.Registration again = fx.registerFrom(mine.publicToken(), ADDRESS, "CALLED");
        assertThat(again.response().status()).isEqualTo(200);
        assertThat(fx.count("mail_subscription")).as("the same row, a new code").isEqualTo(1);
        String newCode = awaitNewCode(code);
        assertThat(fx.confirm(mine.publicToken(), again.page(), newCode).body()).contains("登録しました");
        assertThat(confirmedRows()).isOne();
    }

    @Test
    void anExpiredCodeIsRefused() {
        Ticket mine = fx.issue("koseki-jumin");
        MailFixture.Registration registration = fx.registerFrom(mine.publicToken(), ADDRESS, "CALLED");
        String code = fx.confirmationCode(ADDRESS);
        fx.app.jdbc().sql("UPDATE liveinfo.mail_subscription SET confirm_expires_at = now() - interval '1 second'")
                .update();
        Http.Response expired = fx.confirm(mine.publicToken(), registration.page(), code);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("確認コードの有効期限が切れました");
        assertThat(confirmedRows()).isZero();
        // Fifteen minutes by default.
        assertThat(fx.app.bean(MailConfirmationProperties.class).validity()).hasMinutes(15);
    }

    @Test
    void oneAddressReceivesOnlyAFewCodesWhateverTheTicket() {
        for (int i = 0; i < 3; i++) {
            Ticket ticket = fx.issue("koseki-jumin");
            assertThat(fx.register(ticket.publicToken(), ADDRESS, "CALLED").status()).isEqualTo(200);
        }
        fx.smtp.waitForIncomingEmail(10_000, 3);
        Ticket fourth = fx.issue("koseki-jumin");
        Http.Response refused = fx.register(fourth.publicToken(), ADDRESS.toUpperCase(), "CALLED");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("このメールアドレスには、短い時間に多くの確認メールが送られています")
                .contains("value=\"" + ADDRESS.toUpperCase() + "\"");
        assertThat(fx.smtp.waitForIncomingEmail(1_000, 4)).as("no fourth code").isFalse();
        assertThat(fx.count("mail_subscription")).isEqualTo(3);
        // Another address is not affected.
        assertThat(fx.register(fourth.publicToken(), "other@example.jp", "CALLED").status()).isEqualTo(200);
    }

    private long confirmedRows() {
        return fx.app.jdbc().sql("SELECT count(*) FROM liveinfo.mail_subscription WHERE confirmed_at IS NOT NULL")
                .query(Long.class).single();
    }

    /** The code of a second confirmation mail, different from the first one's (or equal by chance, 1 in a million). */
    private String awaitNewCode(String old) {
        fx.smtp.waitForIncomingEmail(10_000, 2);
        assertThat(Arrays.stream(fx.smtp.getReceivedMessages()).count()).isEqualTo(2);
        return fx.confirmationCode(ADDRESS);
    }
}

package org.madoguchi.liveinfo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.reception.Ticket;

/** Bad input, bad tokens and abuse: each refused with a clear Japanese message, none revealing which tokens exist. */
class MailRegistrationInputTest {

    private static final String BAD_TOKEN_JA = "この受付票ではメール通知を登録できません";

    private final MailFixture fx = MailFixture.get();

    @BeforeEach
    @AfterEach
    void reset() {
        fx.reset();
    }

    @Test
    void anInvalidAddressIsRefusedWithAJapaneseMessageAndTheFormKeepsTheInput() {
        Ticket ticket = fx.issue("koseki-jumin");
        for (String bad : new String[] {"not-an-address", "taro@localhost", "taro@example.jp\r\nBcc: evil@example.com",
                "taro@example.jp, jiro@example.jp", "", "太郎@example.jp"}) {
            Http.Response response = fx.register(ticket.publicToken(), bad, "CALLED");
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.body()).as(bad).contains("メールアドレスの形式が正しくありません")
                    .contains("aria-invalid=\"true\"");
        }
        Http.Response kept = fx.register(ticket.publicToken(), "not-an-address", "CALLED");
        assertThat(kept.body()).contains("value=\"not-an-address\"");
        assertThat(fx.count("mail_subscription")).isZero();
    }

    /** The page head carries a fresh CSRF token each time; everything else must be the same. */
    private static String withoutCsrf(String html) {
        return html.replaceAll("<meta name=\"_csrf\" content=\"[^\"]*\">", "");
    }

    @Test
    void noChosenMomentIsRefused() {
        Ticket ticket = fx.issue("koseki-jumin");
        Http.Response response = fx.register(ticket.publicToken(), "taro@example.jp");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("お知らせするタイミングを1つ以上選んでください");
        assertThat(fx.count("mail_subscription")).isZero();
    }

    @Test
    void unknownAndFinishedTicketsGetTheSameAnswer() {
        Ticket finished = fx.issue("koseki-jumin");
        fx.reception().cancel(finished.id(), MailFixture.MANAGER);
        String unknownToken = "A".repeat(finished.publicToken().length());

        MailFixture.Page unknown = fx.get("/t/" + unknownToken + "/mail");
        MailFixture.Page expired = fx.get("/t/" + finished.publicToken() + "/mail");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(unknown.body()).contains(BAD_TOKEN_JA).doesNotContain("<form");
        // The language links repeat the address the client asked for; apart from that echo the pages are the same.
        String unknownPage = withoutCsrf(unknown.body()).replace(unknownToken, "TOKEN");
        assertThat(withoutCsrf(expired.body()).replace(finished.publicToken(), "TOKEN"))
                .as("no way to tell a cancelled ticket from a made-up token").isEqualTo(unknownPage);
        assertThat(withoutCsrf(fx.get("/t/x/mail").body()).replace("/t/x/", "/t/TOKEN/")).isEqualTo(unknownPage);

        // Posting to a bad token, with a valid CSRF token from another form, is refused the same way.
        Ticket open = fx.issue("koseki-jumin");
        MailFixture.Page form = fx.get("/t/" + open.publicToken() + "/mail");
        Http.Response posted = fx.post("/t/" + finished.publicToken() + "/mail", form,
                "address", "taro@example.jp", "notify", "CALLED");
        assertThat(posted.status()).isEqualTo(404);
        assertThat(posted.body()).contains(BAD_TOKEN_JA);
        assertThat(fx.count("mail_subscription")).isZero();
    }

    @Test
    void aTicketTakesAFewAddressesAndAFewAttempts() {
        Ticket ticket = fx.issue("koseki-jumin");
        for (int i = 1; i <= 3; i++) {
            assertThat(fx.register(ticket.publicToken(), "visitor" + i + "@example.jp", "CALLED").status()).isEqualTo(200);
        }
        Http.Response fourth = fx.register(ticket.publicToken(), "visitor4@example.jp", "CALLED");
        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.body()).contains("登録できるメールアドレスの数を超えています");
        fx.register(ticket.publicToken(), "visitor5@example.jp", "CALLED");
        // Five attempts per ticket and hour by default: the sixth is refused whatever it carries.
        Http.Response sixth = fx.register(ticket.publicToken(), "visitor1@example.jp", "CALLED");
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.body()).contains("しばらく時間をおいてから、もう一度お試しください");
        assertThat(fx.count("mail_subscription")).isEqualTo(3);
    }

    @Test
    void aClientProbingTokensRunsOutOfAttempts() {
        MailRegistrations registrations = fx.app.bean(MailRegistrations.class);
        Ticket ticket = fx.issue("koseki-jumin");
        for (int i = 0; i < MailFixture.CLIENT_LIMIT; i++) {
            assertThat(registrations.register("guess-" + i + "-abcdefghijklmnop", "taro@example.jp",
                    Set.of(NotifyLevel.CALLED), "203.0.113.7").outcome()).isEqualTo(MailRegistrations.Outcome.BAD_TOKEN);
        }
        // Now even a real token is refused for this client, while another client is not affected.
        assertThat(registrations.register(ticket.publicToken(), "taro@example.jp", Set.of(NotifyLevel.CALLED),
                "203.0.113.7").outcome()).isEqualTo(MailRegistrations.Outcome.RATE_LIMITED);
        assertThat(registrations.register(ticket.publicToken(), "taro@example.jp", Set.of(NotifyLevel.CALLED),
                "198.51.100.2").outcome()).isEqualTo(MailRegistrations.Outcome.REGISTERED);
    }

    @Test
    void theFormIsTranslatedForVisitors() {
        Ticket ticket = fx.issue("koseki-jumin");
        assertThat(fx.get("/t/" + ticket.publicToken() + "/mail?lang=en").body()).contains("When you are called");
        assertThat(fx.get("/t/" + ticket.publicToken() + "/mail?lang=zh").body()).contains("叫到您的号码时");
        assertThat(fx.get("/t/" + ticket.publicToken() + "/mail?lang=ko").body()).contains("호출되었을 때");
        assertThat(fx.get("/t/" + ticket.publicToken() + "/mail?lang=ja").body()).contains("呼び出されたとき")
                .doesNotContain("??");
    }
}

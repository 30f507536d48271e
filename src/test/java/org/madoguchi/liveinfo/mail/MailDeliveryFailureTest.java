package org.madoguchi.liveinfo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.madoguchi.reception.VisitStatus;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mail server is down: calling goes on as usual, the mail waits, and arrives once the server is back. */
class MailDeliveryFailureTest {

    private final MailFixture fx = MailFixture.get();
    private final JavaMailSenderImpl smtp = (JavaMailSenderImpl) fx.app.bean(JavaMailSender.class);

    @BeforeEach
    void reset() {
        fx.reset();
    }

    @AfterEach
    void restore() {
        smtp.setPort(fx.smtpPort);
        fx.reset();
    }

    @Test
    void aFailedSendIsRetriedLaterAndNeverHoldsUpTheQueue() throws Exception {
        Ticket mine = fx.issue("koseki-jumin");
        Ticket next = fx.issue("koseki-jumin");
        assertThat(fx.registerConfirmed(mine.publicToken(), "saburo@example.jp", "CALLED").status()).isEqualTo(200);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        smtp.setPort(deadPort);

        ReceptionService reception = fx.reception();
        reception.openCounter("honcho-1", MailFixture.MANAGER);
        Instant before = Instant.now();
        long called = reception.callNext("honcho-1", MailFixture.MANAGER).orElseThrow().id();
        assertThat(Duration.between(before, Instant.now())).as("calling does not wait for mail")
                .isLessThan(Duration.ofSeconds(3));

        // The attempt failed and was put back for later, with the error's type and no address. (Waited for before
        // the visit is completed: a visit called and completed within the moment the call event takes to reach
        // the mail module can miss its "called" mail, a known gap noted in docs/privacy-mail.md.)
        Map<String, Object> failed = awaitRow("attempts >= 1 AND last_error IS NOT NULL");

        // While mail is failing, serving and calling the next visitor do not wait for it either.
        Instant serving = Instant.now();
        reception.start(called, MailFixture.MANAGER);
        reception.complete(called, MailFixture.MANAGER);
        Ticket.Visit nextCalled = reception.callNext("honcho-1", MailFixture.MANAGER).orElseThrow();
        assertThat(Duration.between(serving, Instant.now())).as("queue operations do not wait for mail")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(nextCalled.id()).isEqualTo(next.visits().get(0).id());
        assertThat(nextCalled.status()).isEqualTo(VisitStatus.CALLED);
        assertThat(failed.get("status")).isEqualTo("PENDING");
        assertThat((String) failed.get("last_error")).doesNotContain("saburo");
        assertThat(fx.smtp.getReceivedMessages()).isEmpty();

        long outboxId = ((Number) fx.app.jdbc().sql("SELECT id FROM liveinfo.mail_outbox").query().singleValue()).longValue();
        smtp.setPort(fx.smtpPort);
        assertThat(fx.awaitMails(1, 15_000)).hasSize(1);
        assertThat(fx.smtp.getReceivedMessages()[0].getSubject()).contains("受付番号 " + mine.number() + " 番をお呼びしています");
        // One read of the address per attempt, all logged; the ticket is over, so the row goes once sent.
        assertThat(fx.app.jdbc().sql("""
                        SELECT count(*) FROM liveinfo.mail_access_log WHERE action = 'READ_FOR_SEND' AND outbox_id = :id""")
                .param("id", outboxId).query(Long.class).single()).isGreaterThanOrEqualTo(2);
        awaitCount("SELECT count(*) FROM liveinfo.mail_access_log WHERE action = 'DELETED_FINISHED'", 1);
        assertThat(fx.count("mail_subscription")).isZero();
    }

    @Test
    void aMailIsGivenUpAfterTheLastAttemptAndRetriesBackOff() throws Exception {
        Ticket mine = fx.issue("koseki-jumin");
        assertThat(fx.registerConfirmed(mine.publicToken(), "shiro@example.jp", "CALLED").status()).isEqualTo(200);
        try (ServerSocket socket = new ServerSocket(0)) {
            smtp.setPort(socket.getLocalPort());
        }
        fx.reception().openCounter("honcho-1", MailFixture.MANAGER);
        fx.reception().callNext("honcho-1", MailFixture.MANAGER).orElseThrow();
        awaitRow("attempts >= 1 AND last_error IS NOT NULL");
        // Pretend seven attempts failed already: the eighth (the configured maximum) is the last.
        fx.app.jdbc().sql("UPDATE liveinfo.mail_outbox SET attempts = 7, next_attempt_at = now()").update();
        Map<String, Object> failed = awaitRow("status = 'FAILED'");
        assertThat((Integer) failed.get("attempts")).isEqualTo(8);
        awaitGauge("failed", 1.0);
        awaitGauge("pending", 0.0);
        smtp.setPort(fx.smtpPort);
        assertThat(fx.smtp.waitForIncomingEmail(1500, 1)).as("a given-up mail is not sent later").isFalse();

        MailNotificationProperties defaults = new MailNotificationProperties(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        assertThat(defaults.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retryDelay(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.retryDelay(30)).isEqualTo(Duration.ofMinutes(15));
    }

    /** The outbox as monitoring sees it (madoguchi_mail_outbox), read again after its few seconds of caching. */
    private void awaitGauge(String status, double expected) throws InterruptedException {
        var gauge = fx.app.bean(io.micrometer.core.instrument.MeterRegistry.class).get("madoguchi.mail.outbox")
                .tag("status", status).gauge();
        long deadline = System.currentTimeMillis() + 15_000;
        while (gauge.value() != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(gauge.value()).as("madoguchi_mail_outbox{status=\"" + status + "\"}").isEqualTo(expected);
    }

    private void awaitCount(String sql, long expected) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (fx.app.jdbc().sql(sql).query(Long.class).single() < expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out: " + sql);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Map<String, Object> awaitRow(String condition) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            var rows = fx.app.jdbc().sql("SELECT status, attempts, last_error FROM liveinfo.mail_outbox WHERE " + condition)
                    .query().listOfRows();
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no outbox row with " + condition);
    }
}

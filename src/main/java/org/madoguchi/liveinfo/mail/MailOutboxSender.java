package org.madoguchi.liveinfo.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox on the module's own thread: claims due mails, opens the address just for the send,
 * and on failure retries later with growing pauses. Reception never waits for any of it.
 */
@Component
class MailOutboxSender {

    private static final Logger log = LoggerFactory.getLogger(MailOutboxSender.class);
    private static final int BATCH = 20;
    /** Longer than the SMTP time-outs, so a claimed mail is taken up again only if its attempt died. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final MailFeature feature;
    private final MailStore store;
    private final FloorDirectory floors;
    private final MailNotificationProperties properties;
    private final Clock clock;

    MailOutboxSender(MailFeature feature, MailStore store, FloorDirectory floors, MailNotificationProperties properties,
               Clock clock) {
        this.feature = feature;
        this.store = store;
        this.floors = floors;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass over the due mails; returns how many were sent. */
    int sendDue() {
        if (!feature.enabled()) {
            return 0;
        }
        int sent = 0;
        List<MailStore.OutboxItem> due;
        do {
            Instant now = clock.instant();
            due = store.claimDue(now, now.plus(LEASE), BATCH);
            for (MailStore.OutboxItem item : due) {
                if (send(item)) {
                    sent++;
                }
            }
        } while (due.size() == BATCH);
        store.deleteFinished(clock.instant());
        return sent;
    }

    private boolean send(MailStore.OutboxItem item) {
        Optional<MailStore.Subscription> subscription = store.byId(item.subscriptionId());
        if (subscription.isEmpty()) {
            return false; // Unsubscribed or purged meanwhile; the outbox row went with it.
        }
        MailStore.Subscription s = subscription.get();
        try {
            MailCipher cipher = feature.cipher();
            store.log(s.id(), MailStore.Access.READ_FOR_SEND, "system:sender", item.id(), clock.instant());
            String address = cipher.open(s.address(), s.id().toString());
            MailRegistrations.Secrets secrets = MailRegistrations.Secrets.parse(cipher.open(s.secrets(), s.id().toString()));
            String base = feature.publicBaseUrl();
            MailComposer.Composed mail = MailComposer.compose(item, officeName(s.officeId()),
                    base + "/t/" + secrets.ticketToken(), base + "/t/mail/unsubscribe/" + secrets.unsubscribeToken());
            feature.sender().send(message(address, mail, base + "/t/mail/unsubscribe/" + secrets.unsubscribeToken()));
            store.markSent(item.id(), clock.instant());
            return true;
        } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
            // The type only: an SMTP reply may quote the address.
            String error = e.getClass().getSimpleName();
            boolean giveUp = item.attempts() >= properties.maxAttempts();
            Instant next = clock.instant().plus(properties.retryDelay(item.attempts()));
            store.markFailed(item.id(), giveUp, next, error);
            if (giveUp) {
                log.warn("Gave up notification mail {} after {} attempts ({})", item.id(), item.attempts(), error);
            } else {
                log.info("Notification mail {} failed on attempt {} ({}); retrying at {}", item.id(), item.attempts(),
                        error, next);
            }
            return false;
        }
    }

    private MimeMessage message(String address, MailComposer.Composed mail, String unsubscribeUrl)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = plainMessage(feature, properties, clock, address, mail);
        message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        return message;
    }

    /** A text mail from the notification sender; the notices and the confirmation code are both sent this way. */
    static MimeMessage plainMessage(MailFeature feature, MailNotificationProperties properties, Clock clock,
                                    String address, MailComposer.Composed mail)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = feature.sender().createMimeMessage();
        // UTF-8 throughout: the subject and sender name as RFC 2047 encoded words, the body as text/plain;
        // charset=UTF-8 in base64 or quoted-printable, which current mail clients (and phones) all read.
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.from(), properties.fromName());
        InternetAddress to = new InternetAddress();
        // Set as is: the form already checked it, and Japanese carrier addresses may not pass a strict parse.
        to.setAddress(address);
        helper.setTo(to);
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        helper.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        return message;
    }

    private String officeName(String officeId) {
        return floors.find(officeId).map(Floor::office).map(Floor.Office::nameJa).orElse(null);
    }
}

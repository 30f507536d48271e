package org.madoguchi.liveinfo.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends the one mail of a registration that carries its confirmation code, while the visitor waits on the
 * page (so a failure can be told at once). It holds no link: if the address was mistyped, its owner learns
 * nothing about the ticket.
 */
@Component
class ConfirmationMailer {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationMailer.class);

    private final MailFeature feature;
    private final MailNotificationProperties properties;
    private final MailConfirmationProperties confirmation;
    private final FloorDirectory floors;
    private final Clock clock;

    ConfirmationMailer(MailFeature feature, MailNotificationProperties properties,
                       MailConfirmationProperties confirmation, FloorDirectory floors, Clock clock) {
        this.feature = feature;
        this.properties = properties;
        this.confirmation = confirmation;
        this.floors = floors;
        this.clock = clock;
    }

    /** True when the mail server took the mail. */
    boolean send(String address, String code, String officeId) {
        String office = floors.find(officeId).map(Floor::office).map(Floor.Office::nameJa).orElse(null);
        MailComposer.Composed mail = MailComposer.confirmation(office, code, confirmation.validity().toMinutes());
        try {
            MimeMessage message = feature.sender().createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.from(), properties.fromName());
            InternetAddress to = new InternetAddress();
            // As for the notices: the form checked it, and carrier addresses may not pass a strict parse.
            to.setAddress(address);
            helper.setTo(to);
            helper.setSubject(mail.subject());
            helper.setText(mail.body(), false);
            helper.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            feature.sender().send(message);
            return true;
        } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
            // The type only: an SMTP reply may quote the address.
            log.warn("Could not send a mail confirmation code ({})", e.getClass().getSimpleName());
            return false;
        }
    }
}

package org.madoguchi.liveinfo.mail;

import jakarta.mail.MessagingException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
            feature.sender().send(MailOutboxSender.plainMessage(feature, properties, clock, address, mail));
            return true;
        } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
            // The type only: an SMTP reply may quote the address.
            log.warn("Could not send a mail confirmation code ({})", e.getClass().getSimpleName());
            return false;
        }
    }
}

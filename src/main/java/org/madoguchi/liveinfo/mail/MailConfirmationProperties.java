package org.madoguchi.liveinfo.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The confirmation step of a registration: the 6-digit code mailed to the address, and how many such mails
 * one address may receive (across all tickets), so the form cannot be used to flood someone's mailbox.
 *
 * @param validity how long a code can be typed
 * @param attempts wrong codes allowed before the code is spent (the visitor registers again for a new one)
 * @param perAddressHour confirmation mails one address receives within an hour
 * @param perAddressDay confirmation mails one address receives within a day
 */
@ConfigurationProperties("madoguchi.liveinfo.mail.confirmation")
public record MailConfirmationProperties(Duration validity, Integer attempts, Integer perAddressHour,
                                         Integer perAddressDay) {

    public MailConfirmationProperties {
        validity = validity == null ? Duration.ofMinutes(15) : validity;
        attempts = attempts == null ? 5 : attempts;
        perAddressHour = perAddressHour == null ? 3 : perAddressHour;
        perAddressDay = perAddressDay == null ? 10 : perAddressDay;
    }
}

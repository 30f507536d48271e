package org.madoguchi.liveinfo.mail;

import org.springframework.stereotype.Component;

/** Whether the ticket page should offer call notification by mail: only while an SMTP server is configured. */
@Component
public class MailOffer {

    private final MailFeature feature;

    MailOffer(MailFeature feature) {
        this.feature = feature;
    }

    public boolean offered() {
        return feature.enabled();
    }
}

package org.madoguchi.liveinfo.mail;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Whether mail notification is on, and what it needs when it is: the mail sender, the cipher and the public
 * address of the ticket pages. Off without an SMTP server ({@code spring.mail.host}): then no address is
 * accepted, so none needs a key. On without a key: the application refuses to start (see {@link MailCipher}).
 */
@Component
class MailFeature {

    private static final Logger log = LoggerFactory.getLogger(MailFeature.class);

    private final JavaMailSender sender;
    private final MailCipher cipher;
    private final String publicBaseUrl;
    private final Environment environment;

    MailFeature(ObjectProvider<JavaMailSender> senders, MailNotificationProperties properties, Environment environment,
                @Value("${madoguchi.public-base-url:}") String publicBaseUrl) {
        this.environment = environment;
        JavaMailSender available = properties.enabled() ? senders.getIfAvailable() : null;
        this.sender = available;
        this.cipher = available == null ? null
                : MailCipher.fromConfiguration(properties.keys(), properties.activeKey(), properties.ephemeralKey());
        this.publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.trim().replaceAll("/+$", "");
        if (available instanceof JavaMailSenderImpl impl) {
            // A hanging SMTP server must not hold the sender thread for ever; explicit settings win.
            impl.getJavaMailProperties().putIfAbsent("mail.smtp.connectiontimeout", "10000");
            impl.getJavaMailProperties().putIfAbsent("mail.smtp.timeout", "20000");
            impl.getJavaMailProperties().putIfAbsent("mail.smtp.writetimeout", "20000");
        }
        if (available == null) {
            log.info("Mail call notification is off (no spring.mail.host, or madoguchi.liveinfo.mail.enabled=false)");
        } else {
            if (properties.ephemeralKey() && properties.keys().isEmpty()) {
                log.warn("Mail call notification uses a random key of this process only (ephemeral-key): "
                        + "development use on one node; configure madoguchi.liveinfo.mail.keys for real use");
            }
            if (this.publicBaseUrl.isEmpty()) {
                log.warn("madoguchi.public-base-url is not set: links in notification mails point to localhost");
            }
        }
    }

    boolean enabled() {
        return sender != null;
    }

    JavaMailSender sender() {
        return sender;
    }

    MailCipher cipher() {
        if (cipher == null) {
            throw new IllegalStateException("mail notification is off");
        }
        return cipher;
    }

    /** The public origin for links in mails; never taken from a request's Host header, which a sender controls. */
    String publicBaseUrl() {
        if (!publicBaseUrl.isEmpty()) {
            return publicBaseUrl;
        }
        String port = Optional.ofNullable(environment.getProperty("local.server.port"))
                .orElse(environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }
}

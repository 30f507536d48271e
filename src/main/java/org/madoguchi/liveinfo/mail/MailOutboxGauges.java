package org.madoguchi.liveinfo.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.madoguchi.platform.DatabaseSamples;
import org.springframework.stereotype.Component;

/**
 * {@code madoguchi_mail_outbox{status="pending"|"failed"}}: call-notification mails still to be sent and those given
 * up after every retry, today (the outbox is emptied after closing). Counts only, never an address.
 */
@Component
class MailOutboxGauges implements MeterBinder {

    private final DatabaseSamples.Sample<MailStore.OutboxCounts> counts;

    MailOutboxGauges(MailStore store, DatabaseSamples samples) {
        this.counts = samples.every(Duration.ofSeconds(5), store::outboxCounts);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "pending", MailStore.OutboxCounts::pending);
        gauge(registry, "failed", MailStore.OutboxCounts::failed);
    }

    private void gauge(MeterRegistry registry, String status, ToLongFunction<MailStore.OutboxCounts> count) {
        Gauge.builder("madoguchi.mail.outbox", counts, c -> c.get().map(count::applyAsLong).map(Long::doubleValue)
                        .orElse(Double.NaN))
                .description("Call-notification mails in the outbox by status").tag("status", status)
                .register(registry);
    }
}

package org.madoguchi.liveinfo.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.TicketStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns queue movements into queued mails. Events only say which office moved; for each live subscription
 * of that office the ticket's own status decides whether a chosen level was reached. The work runs on the
 * module's own thread, never on the thread that delivers reception events.
 */
@Component
class MailTrigger {

    private static final Logger log = LoggerFactory.getLogger(MailTrigger.class);

    private final MailFeature feature;
    private final MailStore store;
    private final ReceptionService reception;
    private final Clock clock;
    private final Set<String> pendingOffices = ConcurrentHashMap.newKeySet();
    private volatile Executor executor;

    MailTrigger(MailFeature feature, MailStore store, ReceptionService reception, Clock clock) {
        this.feature = feature;
        this.store = store;
        this.reception = reception;
        this.clock = clock;
    }

    void useExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Schedules a re-evaluation of these offices; a burst of events for one office becomes one pass. */
    void officesChanged(Collection<String> officeIds) {
        Executor e = executor;
        if (e == null || !feature.enabled()) {
            return;
        }
        for (String officeId : officeIds) {
            if (officeId != null && pendingOffices.add(officeId)) {
                e.execute(() -> {
                    pendingOffices.remove(officeId);
                    evaluateOffice(officeId);
                });
            }
        }
    }

    /** After missed events (or on a timer): every office that has live subscriptions. */
    void evaluateAll() {
        if (feature.enabled()) {
            officesChanged(store.officesWithActive(clock.instant()));
        }
    }

    /** Evaluates one office now, on the caller's thread; returns how many mails it queued. */
    int evaluateOffice(String officeId) {
        int queued = 0;
        Instant now = clock.instant();
        for (MailStore.Subscription s : store.activeForOffice(officeId, now)) {
            try {
                queued += evaluate(s, now);
            } catch (RuntimeException e) {
                // One unreadable row (a removed key, say) must not stop the others. No address in the message.
                log.warn("Could not evaluate mail subscription {}: {}", s.id(), e.getClass().getSimpleName());
            }
        }
        return queued;
    }

    private int evaluate(MailStore.Subscription s, Instant now) {
        MailRegistrations.Secrets secrets = MailRegistrations.Secrets.parse(
                feature.cipher().open(s.secrets(), s.id().toString()));
        Optional<TicketStatus> status = reception.statusByToken(secrets.ticketToken());
        if (status.isEmpty() || !"OPEN".equals(status.get().status())) {
            store.markFinished(s.id(), now);
            return 0;
        }
        int queued = 0;
        List<TicketStatus.Step> steps = status.get().steps();
        for (int i = 0; i < steps.size(); i++) {
            TicketStatus.Step step = steps.get(i);
            Optional<NotifyLevel> reached = NotifyLevel.reached(step);
            if (reached.isEmpty()) {
                continue;
            }
            Optional<NotifyLevel> send = NotifyLevel.toSend(s.levels(), reached.get());
            if (send.isEmpty()) {
                continue;
            }
            NotifyLevel level = send.get();
            String place = step.floor() == null ? null : (step.floor() + " " + (step.area() == null ? "" : step.area())).strip();
            boolean added = store.enqueue(s.id(), level, i, false, status.get().number(), step.departmentNameJa(), place,
                    level == NotifyLevel.CALLED ? step.counterLabelJa() : null,
                    level == NotifyLevel.CALLED ? null : step.position(), now);
            if (added) {
                queued++;
                // Looser levels of this step are settled: never sent later, and dropped if still waiting.
                store.skipPendingLooserThan(s.id(), i, level);
                for (NotifyLevel looser : s.levels()) {
                    if (looser.ordinal() < level.ordinal()) {
                        store.enqueue(s.id(), looser, i, true, status.get().number(), step.departmentNameJa(), place,
                                null, null, now);
                    }
                }
            }
        }
        return queued;
    }
}

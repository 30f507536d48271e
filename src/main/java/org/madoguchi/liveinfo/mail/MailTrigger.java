package org.madoguchi.liveinfo.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.LiveEvent;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.TicketStatus;
import org.madoguchi.reception.VisitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns queue movements into queued mails. Events only say which office moved; for each live subscription
 * of that office the ticket's own status decides whether a chosen level was reached. A call is the exception:
 * it may be over (started, even completed) before the office is evaluated, so calls seen in events are kept
 * until then and count as reached whatever the status shows by that time. The work runs on the module's own
 * thread, never on the thread that delivers reception events.
 */
@Component
class MailTrigger {

    private static final Logger log = LoggerFactory.getLogger(MailTrigger.class);

    private final MailFeature feature;
    private final MailStore store;
    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final Clock clock;
    private final Set<String> pendingOffices = ConcurrentHashMap.newKeySet();
    /** Call events per office not evaluated yet; taken by the office's next pass. */
    private final Map<String, List<LiveEvent>> pendingCalls = new ConcurrentHashMap<>();
    private volatile Executor executor;

    MailTrigger(MailFeature feature, MailStore store, ReceptionService reception, FloorDirectory floors, Clock clock) {
        this.feature = feature;
        this.store = store;
        this.reception = reception;
        this.floors = floors;
        this.clock = clock;
    }

    void useExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Notes the calls among these committed events and schedules their offices for evaluation. */
    void eventsArrived(List<LiveEvent> events) {
        if (executor == null || !feature.enabled()) {
            return;
        }
        Set<String> offices = new HashSet<>();
        for (LiveEvent e : events) {
            offices.add(e.officeId());
            if (e.status() == VisitStatus.CALLED && e.officeId() != null && e.number() != null) {
                // Kept before scheduling, so the pass that is scheduled (or already pending) sees it.
                pendingCalls.compute(e.officeId(), (office, calls) -> {
                    List<LiveEvent> list = calls == null ? new ArrayList<>() : calls;
                    list.add(e);
                    return list;
                });
            }
        }
        officesChanged(offices);
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
        List<LiveEvent> calls = pendingCalls.remove(officeId);
        for (MailStore.Subscription s : store.activeForOffice(officeId, now)) {
            try {
                queued += evaluate(s, callsOf(s, calls), now);
            } catch (RuntimeException e) {
                // One unreadable row (a removed key, say) must not stop the others. No address in the message.
                log.warn("Could not evaluate mail subscription {}: {}", s.id(), e.getClass().getSimpleName());
            }
        }
        return queued;
    }

    /** The calls of this subscription's ticket: same office, number and service day. */
    private List<LiveEvent> callsOf(MailStore.Subscription s, List<LiveEvent> calls) {
        if (calls == null) {
            return List.of();
        }
        Optional<ZoneId> zone = floors.find(s.officeId()).map(f -> ZoneId.of(f.office().timeZone()));
        if (zone.isEmpty()) {
            return List.of();
        }
        return calls.stream().filter(e -> e.number() == s.ticketNumber()
                && s.serviceDate().equals(LocalDate.ofInstant(e.at(), zone.get()))).toList();
    }

    private int evaluate(MailStore.Subscription s, List<LiveEvent> calls, Instant now) {
        MailRegistrations.Secrets secrets = MailRegistrations.Secrets.parse(
                feature.cipher().open(s.secrets(), s.id().toString()));
        Optional<TicketStatus> status = reception.statusByToken(secrets.ticketToken());
        if (status.isEmpty()) {
            store.markFinished(s.id(), now);
            return 0;
        }
        int queued = 0;
        List<TicketStatus.Step> steps = status.get().steps();
        // First the calls seen in events, before a finished ticket ends the subscription: a visitor served
        // right after the call was still called.
        for (LiveEvent call : calls) {
            int i = calledStep(steps, call.departmentId());
            if (i >= 0) {
                String counter = floors.find(s.officeId()).flatMap(f -> f.counter(call.counterId()))
                        .map(Floor.Counter::labelJa).orElse(steps.get(i).counterLabelJa());
                queued += queue(s, status.get(), i, NotifyLevel.CALLED, counter, now);
            }
        }
        if (!"OPEN".equals(status.get().status())) {
            store.markFinished(s.id(), now);
            return queued;
        }
        for (int i = 0; i < steps.size(); i++) {
            TicketStatus.Step step = steps.get(i);
            Optional<NotifyLevel> reached = NotifyLevel.reached(step);
            if (reached.isPresent()) {
                queued += queue(s, status.get(), i, reached.get(), step.counterLabelJa(), now);
            }
        }
        return queued;
    }

    /**
     * The step a call was for: of the department's steps, the first that has left the queue and is not
     * over without service (an itinerary rarely visits one department twice).
     */
    private static int calledStep(List<TicketStatus.Step> steps, String departmentId) {
        for (int i = 0; i < steps.size(); i++) {
            VisitStatus v = steps.get(i).status();
            if (steps.get(i).departmentId().equals(departmentId) && (v.isAtCounter() || v == VisitStatus.COMPLETED
                    || v == VisitStatus.ABSENT)) {
                return i;
            }
        }
        return -1;
    }

    /** Queues the tightest chosen level that {@code reached} covers for step {@code i}; 1 if queued now. */
    private int queue(MailStore.Subscription s, TicketStatus status, int i, NotifyLevel reached, String counterLabelJa,
                      Instant now) {
        Optional<NotifyLevel> send = NotifyLevel.toSend(s.levels(), reached);
        if (send.isEmpty()) {
            return 0;
        }
        NotifyLevel level = send.get();
        TicketStatus.Step step = status.steps().get(i);
        String place = step.floor() == null ? null : (step.floor() + " " + (step.area() == null ? "" : step.area())).strip();
        boolean added = store.enqueue(s.id(), level, i, false, status.number(), step.departmentNameJa(), place,
                level == NotifyLevel.CALLED ? counterLabelJa : null,
                level == NotifyLevel.CALLED ? null : step.position(), now);
        if (!added) {
            return 0;
        }
        // Looser levels of this step are settled: never sent later, and dropped if still waiting.
        store.skipPendingLooserThan(s.id(), i, level);
        for (NotifyLevel looser : s.levels()) {
            if (looser.ordinal() < level.ordinal()) {
                store.enqueue(s.id(), looser, i, true, status.number(), step.departmentNameJa(), place, null, null, now);
            }
        }
        return 1;
    }
}

package org.madoguchi.reception.demo;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.madoguchi.platform.ItabashiPattern;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.madoguchi.reception.VisitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated member of staff at one counter: call, (recall, absent), start, serve, complete or hand over. The
 * counter is theirs only while the system holds it: once a person signs in there, or someone closes it, they finish
 * the visitor in hand at once and leave the counter for good.
 */
final class CounterWorker {

    private static final Logger log = LoggerFactory.getLogger(CounterWorker.class);

    /** Called visitors who come back from the restroom within the grace period. */
    private static final double RETURN_CHANCE = 0.3;

    private enum Phase { IDLE, CALLED, SERVING, RECALLING, GIVING_UP }

    private final DemoSimulator demo;
    private final ReceptionService reception;
    private final String counterId;
    private Phase phase = Phase.IDLE;
    private Ticket.Visit visit;
    private boolean retired;

    CounterWorker(DemoSimulator demo, ReceptionService reception, String counterId) {
        this.demo = demo;
        this.reception = reception;
        this.counterId = counterId;
    }

    void run() {
        if (!demo.running() || retired) {
            return;
        }
        long delay;
        try {
            delay = step();
        } catch (ProblemException e) {
            // Someone else changed the visit (staff, the close of the day): start over from the counter.
            demo.logProblemOnce("counter " + phase, e);
            phase = Phase.IDLE;
            visit = null;
            delay = demo.realMillis(30);
        } catch (RuntimeException e) {
            log.warn("Demo: counter {} step failed: {}", counterId, e.toString());
            delay = Math.max(1000, demo.realMillis(30));
        }
        if (!retired) {
            demo.schedule(this::run, delay);
        }
    }

    private long step() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (phase != Phase.IDLE && !stillHeldBySystem()) {
            leave();
            return 0;
        }
        switch (phase) {
            case IDLE -> {
                Optional<Ticket.Visit> next;
                try {
                    next = reception.callNext(counterId, demo.actor());
                } catch (ProblemException e) {
                    return recover(e);
                }
                if (next.isEmpty()) {
                    return demo.idleMillis();
                }
                visit = next.get();
                if (random.nextDouble() < ItabashiPattern.ABSENT_SHARE) {
                    phase = Phase.RECALLING;
                    return demo.realMillis(60);
                }
                phase = Phase.CALLED;
                return demo.realMillis(random.nextDouble(20, 60));
            }
            case RECALLING -> {
                reception.recall(visit.id(), demo.actor());
                phase = Phase.GIVING_UP;
                return demo.realMillis(90);
            }
            case GIVING_UP -> {
                long visitId = reception.markAbsent(visit.id(), demo.actor()).id();
                demo.counts().absent.incrementAndGet();
                demo.forgetUnplanned(visitId);
                if (random.nextDouble() < RETURN_CHANCE) {
                    demo.schedule(() -> demo.guarded("return", () -> reception.returnToQueue(visitId, demo.actor())),
                            demo.realMillis(random.nextDouble(120, 600)));
                }
                phase = Phase.IDLE;
                visit = null;
                return demo.realMillis(15);
            }
            case CALLED -> {
                visit = reception.start(visit.id(), demo.actor());
                phase = Phase.SERVING;
                return demo.realMillis(serviceSeconds(visit, random));
            }
            case SERVING -> {
                finishVisit();
                return demo.realMillis(random.nextDouble(10, 30));
            }
            default -> throw new IllegalStateException(phase.name());
        }
    }

    /** Completes the visit in hand, or hands it over where the counter decided on another department. */
    private void finishVisit() {
        ItineraryStep next = demo.takeUnplanned(visit.id());
        Ticket ticket = next != null ? reception.handOver(visit.id(), next, demo.actor())
                : reception.complete(visit.id(), demo.actor());
        demo.counts().completed.incrementAndGet();
        if (ticket.visits().stream().anyMatch(v -> v.status() == VisitStatus.WAITING)) {
            demo.counts().handedOver.incrementAndGet();
        }
        phase = Phase.IDLE;
        visit = null;
    }

    /** The counter already has a visitor (an earlier run), or it is no longer the system's. */
    private long recover(ProblemException e) {
        switch (e.code()) {
            case "counter-busy" -> {
                Ticket.Visit current = reception.counterState(counterId).current();
                if (current != null && stillHeldBySystem()) {
                    visit = current;
                    phase = current.status() == VisitStatus.SERVING ? Phase.SERVING : Phase.CALLED;
                }
                return demo.realMillis(10);
            }
            case "counter-closed", "counter-in-use" -> {
                leave();
                return 0;
            }
            default -> {
                demo.logProblemOnce("call", e);
                return Math.max(1000, demo.realMillis(60));
            }
        }
    }

    private boolean stillHeldBySystem() {
        return reception.seatHolder(counterId).filter(id -> id == ReceptionService.SYSTEM_SEAT).isPresent();
    }

    /** A person took the counter, or someone closed it: finish the visitor in hand so the counter is free, and go. */
    private void leave() {
        try {
            if (phase == Phase.CALLED || phase == Phase.SERVING) {
                finishVisit();
            } else if (phase == Phase.RECALLING || phase == Phase.GIVING_UP) {
                reception.markAbsent(visit.id(), demo.actor());
                demo.counts().absent.incrementAndGet();
            }
        } catch (ProblemException alreadyDone) {
            // The person at the counter has dealt with the visitor already.
        }
        retired = true;
        demo.released(counterId);
        log.info("Demo: counter {} is no longer the simulator's; its simulated staff leave it", counterId);
    }

    /** Typical minutes of the booked procedures, spread log-normally (most a bit quicker, a few much longer). */
    private double serviceSeconds(Ticket.Visit v, ThreadLocalRandom random) {
        double minutes = VisitorMix.minutes(new ItineraryStep(v.departmentId(), v.procedureIds()), demo.typicalMinutes());
        double sigma = 0.4;
        double factor = Math.exp(random.nextGaussian() * sigma - sigma * sigma / 2);
        return Math.max(60, minutes * 60 * factor);
    }
}

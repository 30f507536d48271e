package org.madoguchi.reception.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.madoguchi.reception.VisitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Simulated visitors and counter staff, so a newcomer sees queues move. Everything goes through
 * {@link ReceptionService} as {@link Actor#system()}, exactly as a module would, so the events, the SSE
 * stream and the summary behave as on a real day.
 *
 * <p>Simulated time runs {@code speed} times faster than the wall clock and starts at 08:30 of the
 * current (or next) business day in the office's time zone; after 17:15 no one arrives, and once the
 * queues are empty the next business day begins. The timestamps the reception service records are
 * real ones, so a wait of 3 simulated minutes shows as 3 seconds at speed 60.
 */
@Component
@ConditionalOnProperty(prefix = "madoguchi.demo", name = "enabled", havingValue = "true")
class DemoSimulator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

    /** Real time between arrival ticks; short enough for smooth arrivals, long enough to be cheap. */
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final double ABSENT_CHANCE = 0.03;
    private static final double RETURN_CHANCE = 0.3;
    /** Upper bound of tickets per tick, so a huge speed cannot flood the database. */
    private static final int MAX_ISSUES_PER_TICK = 40;

    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final DemoProperties properties;
    private final Clock clock;
    private final ArrivalModel model = new ArrivalModel();
    private final VisitorMix mix = new VisitorMix();
    private final Actor actor = Actor.system();

    /** Visits whose counter decides on a hand-over the visitor did not book at the kiosk. */
    private final Map<Long, ItineraryStep> unplannedHandOvers = new ConcurrentHashMap<>();
    private final List<String> openedCounters = new ArrayList<>();
    private final Set<String> loggedProblems = ConcurrentHashMap.newKeySet();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong handedOver = new AtomicLong();
    private final AtomicLong absent = new AtomicLong();

    private volatile boolean running;
    private ScheduledThreadPoolExecutor executor;
    private Floor floor;
    private ZoneId zone;
    private CounterPlan plan;
    private Map<String, Integer> typicalMinutes;

    // Simulated clock: simulated time = simStart + (real now - realStart) × speed. Only the tick thread moves it.
    private volatile LocalDateTime simStart;
    private volatile Instant realStart;
    private LocalDateTime lastTick;
    private int lastLoggedHour = -1;
    /** Real service date on which issuing answered day-closed; the demo idles until the date changes. */
    private volatile LocalDate closedDay;

    DemoSimulator(ReceptionService reception, FloorDirectory floors, DemoProperties properties, Clock clock) {
        this.reception = reception;
        this.floors = floors;
        this.properties = properties;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public synchronized void start() {
        floor = floors.floor(properties.officeId());
        zone = ZoneId.of(floor.office().timeZone());
        typicalMinutes = new LinkedHashMap<>();
        floor.procedures().forEach(p -> typicalMinutes.put(p.id(), p.typicalMinutes()));
        Map<String, Set<String>> counters = new LinkedHashMap<>();
        floor.counters().forEach(c -> counters.put(c.id(), c.departmentIds()));
        plan = CounterPlan.of(counters, typicalMinutes, model, mix, properties.volume());

        AtomicInteger threads = new AtomicInteger();
        // Daemon threads: a forgotten demo must never keep the JVM alive.
        executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "madoguchi-demo-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // On shutdown, drop what is only scheduled but let a running step finish its transaction.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        running = true;

        LocalDateTime localNow = LocalDateTime.ofInstant(clock.instant(), zone);
        startSimulatedDay(nextBusinessDay(localNow.toLocalDate()));
        for (CounterPlan.Group g : plan.groups()) {
            log.info("Demo: {} counter(s) open of {} for {}; share of Itabashi's visitors sent: {}",
                    g.open(), g.counterIds().size(), g.departmentIds(),
                    g.departmentIds().stream().filter(mix.departments()::contains)
                            .map(d -> d + "=" + Math.round(plan.share(d) * 100) + "%").toList());
        }
        for (String counterId : plan.countersToOpen()) {
            if (takeCounter(counterId)) {
                openedCounters.add(counterId);
                CounterWorker worker = new CounterWorker(counterId);
                executor.schedule(worker::run, ThreadLocalRandom.current().nextLong(100, 1000), TimeUnit.MILLISECONDS);
            }
        }
        executor.scheduleWithFixedDelay(() -> guarded("arrivals", this::tick), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Demo visitor simulator started for {} at speed {} (simulated seconds per real second), {} counters",
                floor.office().id(), properties.speed(), openedCounters.size());
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            executor.shutdown();
        }
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Demo: simulator threads did not stop within 5 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Leave the counters as a human would: finish whoever is at the counter, then sign out. On its own
        // thread with a deadline, so a database that is already gone cannot hold up the shutdown.
        Thread cleanup = new Thread(this::closeCounters, "madoguchi-demo-stop");
        cleanup.setDaemon(true);
        cleanup.start();
        try {
            cleanup.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cleanup.isAlive()) {
            log.warn("Demo: counters not closed within 5 seconds; they stay open until closed by hand");
        }
        log.info("Demo visitor simulator stopped: {} tickets issued, {} visits completed, {} hand-overs, {} absent",
                issued.get(), completed.get(), handedOver.get(), absent.get());
    }

    private void closeCounters() {
        for (String counterId : openedCounters) {
            try {
                ReceptionService.CounterState state = reception.counterState(counterId);
                if (state.current() != null) {
                    reception.complete(state.current().id(), actor);
                }
                reception.closeCounter(counterId, actor);
            } catch (ProblemException e) {
                log.warn("Demo: could not close counter {} on shutdown: {}", counterId, e.code());
            } catch (RuntimeException e) {
                // The database is unreachable: the remaining counters would fail the same way.
                log.warn("Demo: could not close counters on shutdown: {}", e.toString());
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Opens a counter for the simulator unless a person is signed in there. A counter left open by an
     * earlier demo run (staff id 0, the system's) is taken over as it is.
     */
    private boolean takeCounter(String counterId) {
        try {
            ReceptionService.CounterState state = reception.counterState(counterId);
            if (state.open() && state.staffId() != null && state.staffId() != 0L) {
                log.info("Demo: counter {} is in use by a staff member, leaving it alone", counterId);
                return false;
            }
            if (!state.open()) {
                reception.openCounter(counterId, actor);
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Demo: could not open counter {}: {}", counterId, e.toString());
            return false;
        }
    }

    // ---------------------------------------------------------------- simulated time and arrivals

    private void startSimulatedDay(LocalDate day) {
        simStart = day.atTime(ArrivalModel.OPENS);
        realStart = clock.instant();
        lastTick = simStart;
        lastLoggedHour = -1;
        log.info("Demo: simulating {} ({}), expected tickets {}", day, day.getDayOfWeek(),
                Math.round(mix.departments().stream().mapToDouble(d -> model.expectedDaily(d, day) * plan.share(d)).sum()));
    }

    private LocalDateTime simulatedNow() {
        long realMillis = Duration.between(realStart, clock.instant()).toMillis();
        return simStart.plusNanos((long) (realMillis * properties.speed() * 1_000_000));
    }

    private void tick() {
        LocalDateTime now = simulatedNow();
        double minutes = Duration.between(lastTick, now).toMillis() / 60_000.0;
        lastTick = now;
        if (now.toLocalTime().isBefore(ArrivalModel.CLOSES)) {
            if (!dayClosed()) {
                arrive(now, minutes);
            }
            logHourly(now);
        } else if (queuesEmpty() || now.isAfter(now.toLocalDate().atTime(ArrivalModel.CLOSES).plusHours(2))) {
            log.info("Demo: simulated day {} over: {} tickets issued so far, {} visits completed", now.toLocalDate(),
                    issued.get(), completed.get());
            startSimulatedDay(nextBusinessDay(now.toLocalDate().plusDays(1)));
        }
    }

    private void arrive(LocalDateTime now, double minutes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int budget = MAX_ISSUES_PER_TICK;
        for (String department : mix.departments()) {
            double expected = model.ratePerMinute(department, now) * plan.share(department) * minutes;
            int arrivals = Math.min(budget, poisson(expected, random));
            budget -= arrivals;
            for (int i = 0; i < arrivals && running; i++) {
                if (!issue(mix.draw(department, random))) {
                    return;
                }
            }
        }
    }

    /** Issues one ticket; false when the office day is closed, so the tick stops trying. */
    private boolean issue(VisitorMix.Visitor visitor) {
        try {
            Ticket ticket = reception.issue(new IssueTicket(floor.office().id(), visitor.itinerary(),
                    visitor.priorityClass(), null, null), actor).ticket();
            issued.incrementAndGet();
            if (visitor.unplanned() != null && !ticket.visits().isEmpty()) {
                unplannedHandOvers.put(ticket.visits().get(0).id(), visitor.unplanned());
            }
            return true;
        } catch (ProblemException e) {
            if ("day-closed".equals(e.code())) {
                closedDay = realServiceDate();
                log.info("Demo: the office day {} is closed, so no more tickets today; counters keep working "
                        + "and arrivals resume on the next service day", closedDay);
                return false;
            }
            logProblemOnce("issue", e);
            return true;
        }
    }

    private boolean dayClosed() {
        LocalDate closed = closedDay;
        if (closed == null) {
            return false;
        }
        if (realServiceDate().isAfter(closed)) {
            closedDay = null;
            log.info("Demo: a new service day has begun, visitors arrive again");
            return false;
        }
        return true;
    }

    private LocalDate realServiceDate() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private boolean queuesEmpty() {
        OfficeSummary summary = reception.summary(floor.office().id());
        return summary.departments().stream().allMatch(d -> d.waiting() == 0 && d.atCounter() == 0);
    }

    private void logHourly(LocalDateTime now) {
        if (now.getHour() == lastLoggedHour) {
            return;
        }
        lastLoggedHour = now.getHour();
        OfficeSummary summary = reception.summary(floor.office().id());
        StringBuilder waiting = new StringBuilder();
        summary.departments().stream().filter(d -> d.waiting() > 0 || d.atCounter() > 0)
                .forEach(d -> waiting.append(' ').append(d.id()).append('=').append(d.waiting()));
        log.info("Demo: simulated {} | issued {} completed {} hand-overs {} absent {} | waiting:{}",
                now.toLocalTime().withSecond(0).withNano(0), issued.get(), completed.get(), handedOver.get(),
                absent.get(), waiting.length() == 0 ? " none" : waiting);
    }

    static LocalDate nextBusinessDay(LocalDate from) {
        LocalDate d = from;
        while (!ArrivalModel.isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Poisson draw by counting uniform products; fine for the small means of one tick. */
    static int poisson(double mean, ThreadLocalRandom random) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-Math.min(mean, 50));
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }

    /** Real delay for a simulated duration, never below 50 ms so a fast demo does not spin. */
    private long realMillis(double simulatedSeconds) {
        return Math.max(50, Math.round(simulatedSeconds * 1000 / properties.speed()));
    }

    private void guarded(String what, Runnable task) {
        if (!running) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            // One failed step must not end the simulation: log and let the next run try again.
            log.warn("Demo: {} failed: {}", what, e.toString());
        }
    }

    private void logProblemOnce(String operation, ProblemException e) {
        if (loggedProblems.add(operation + ":" + e.code())) {
            log.warn("Demo: {} refused ({}): {} (further refusals of this kind are logged at debug)",
                    operation, e.code(), e.getMessage());
        } else {
            log.debug("Demo: {} refused ({})", operation, e.code());
        }
    }

    // ---------------------------------------------------------------- counters

    /** One simulated staff member at one counter: call, (recall, absent), start, serve, complete. */
    private final class CounterWorker {

        private enum Phase { IDLE, CALLED, SERVING, RECALLING, GIVING_UP }

        private final String counterId;
        private Phase phase = Phase.IDLE;
        private Ticket.Visit visit;
        private boolean retired;

        CounterWorker(String counterId) {
            this.counterId = counterId;
        }

        void run() {
            if (!running) {
                return;
            }
            long delay;
            try {
                delay = step();
            } catch (ProblemException e) {
                // Someone else changed the visit (staff, the close of the day): start over from the counter.
                logProblemOnce("counter " + phase, e);
                phase = Phase.IDLE;
                visit = null;
                delay = realMillis(30);
            } catch (RuntimeException e) {
                log.warn("Demo: counter {} step failed: {}", counterId, e.toString());
                delay = Math.max(1000, realMillis(30));
            }
            if (running && !retired) {
                try {
                    executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // The executor is shutting down.
                }
            }
        }

        private long step() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            switch (phase) {
                case IDLE -> {
                    Optional<Ticket.Visit> next;
                    try {
                        next = reception.callNext(counterId, actor);
                    } catch (ProblemException e) {
                        return recover(e);
                    }
                    if (next.isEmpty()) {
                        return Math.min(3000, realMillis(20));
                    }
                    visit = next.get();
                    if (random.nextDouble() < ABSENT_CHANCE) {
                        phase = Phase.RECALLING;
                        return realMillis(60);
                    }
                    phase = Phase.CALLED;
                    return realMillis(random.nextDouble(20, 60));
                }
                case RECALLING -> {
                    reception.recall(visit.id(), actor);
                    phase = Phase.GIVING_UP;
                    return realMillis(90);
                }
                case GIVING_UP -> {
                    long visitId = reception.markAbsent(visit.id(), actor).id();
                    absent.incrementAndGet();
                    unplannedHandOvers.remove(visitId);
                    if (random.nextDouble() < RETURN_CHANCE) {
                        // Came back from the restroom within the grace period.
                        executor.schedule(() -> guarded("return", () -> reception.returnToQueue(visitId, actor)),
                                realMillis(random.nextDouble(120, 600)), TimeUnit.MILLISECONDS);
                    }
                    phase = Phase.IDLE;
                    visit = null;
                    return realMillis(15);
                }
                case CALLED -> {
                    visit = reception.start(visit.id(), actor);
                    phase = Phase.SERVING;
                    return realMillis(serviceSeconds(visit, random));
                }
                case SERVING -> {
                    ItineraryStep next = unplannedHandOvers.remove(visit.id());
                    if (next != null) {
                        reception.handOver(visit.id(), next, actor);
                        handedOver.incrementAndGet();
                    } else {
                        reception.complete(visit.id(), actor);
                    }
                    completed.incrementAndGet();
                    phase = Phase.IDLE;
                    visit = null;
                    return realMillis(random.nextDouble(10, 30));
                }
                default -> throw new IllegalStateException(phase.name());
            }
        }

        /** The counter already has a visitor (an earlier run, or staff) or was closed: pick up from there. */
        private long recover(ProblemException e) {
            switch (e.code()) {
                case "counter-busy" -> {
                    Ticket.Visit current = reception.counterState(counterId).current();
                    if (current != null) {
                        visit = current;
                        phase = current.status() == VisitStatus.SERVING ? Phase.SERVING : Phase.CALLED;
                    }
                    return realMillis(10);
                }
                case "counter-closed" -> {
                    // Closed by someone else; if a staff member now sits there, the counter is theirs.
                    retired = !takeCounter(counterId);
                    return realMillis(60);
                }
                default -> {
                    logProblemOnce("call", e);
                    return Math.max(1000, realMillis(60));
                }
            }
        }

        /** Typical minutes of the booked procedures, spread log-normally (most a bit quicker, a few much longer). */
        private double serviceSeconds(Ticket.Visit v, ThreadLocalRandom random) {
            double minutes = VisitorMix.minutes(new ItineraryStep(v.departmentId(), v.procedureIds()), typicalMinutes);
            double sigma = 0.4;
            double factor = Math.exp(random.nextGaussian() * sigma - sigma * sigma / 2);
            return Math.max(60, minutes * 60 * factor);
        }
    }
}

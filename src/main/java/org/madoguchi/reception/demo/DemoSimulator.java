package org.madoguchi.reception.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.DayClosing;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Simulated visitors and counter staff replaying a business day, so a newcomer sees a busy floor whatever the real
 * time is. Everything goes through {@link ReceptionService} as {@link Actor#system()}, exactly as a module would, so
 * the events, the SSE stream and the summary behave as on a real day.
 *
 * <p>The floor runs on the {@link DemoClock}: the replayed day begins at opening and runs {@code speed} times faster
 * than real time; tickets carry its date and times, so waits read in business minutes. After closing time no one
 * arrives; once the queues are empty the demo closes its day and the next business day begins.
 */
@Component
@ConditionalOnProperty(prefix = "madoguchi.demo", name = "enabled", havingValue = "true")
class DemoSimulator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

    /** Real time between arrival ticks; short enough for smooth arrivals, long enough to be cheap. */
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Upper bound of tickets per tick, so a huge speed cannot flood the database. */
    private static final int MAX_ISSUES_PER_TICK = 40;
    /** How long an idle counter waits before asking again, at least, so a fast demo does not poll the database hard. */
    private static final long MIN_IDLE_MILLIS = 1000;
    /** Threads for the counters and arrivals; each step is one short transaction. */
    private static final int THREADS = 4;
    /** After closing time the day ends when the queues are empty, or after this at the latest. */
    private static final Duration OVERTIME = Duration.ofHours(1);

    /** What the simulator has done since it started, for its log. */
    static final class Counts {
        final AtomicLong issued = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
        final AtomicLong handedOver = new AtomicLong();
        final AtomicLong absent = new AtomicLong();

        @Override
        public String toString() {
            return "issued " + issued + " completed " + completed + " hand-overs " + handedOver + " absent " + absent;
        }
    }

    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final DemoProperties properties;
    private final Clock realClock;
    private final DemoClock clock;
    private final ArrivalModel model = new ArrivalModel();
    private final VisitorMix mix = new VisitorMix();
    private final Actor actor = Actor.system();
    private final Counts counts = new Counts();

    /** Visits whose counter decides on a hand-over the visitor did not book at the kiosk. */
    private final Map<Long, ItineraryStep> unplannedHandOvers = new ConcurrentHashMap<>();
    private final List<String> heldCounters = new CopyOnWriteArrayList<>();
    private final Set<String> loggedProblems = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private ScheduledThreadPoolExecutor executor;
    private Floor floor;
    private ZoneId zone;
    private CounterPlan plan;
    private Map<String, Integer> typicalMinutes;

    // Only the tick thread (and start) touch these.
    private LocalDate day;
    private LocalDateTime lastTick;
    private int lastLoggedHour = -1;
    /** The replayed day was closed (by hand, or at closing time): the next one begins. */
    private volatile boolean dayOver;

    DemoSimulator(ReceptionService reception, FloorDirectory floors, DemoProperties properties, Clock realClock,
                  DemoClock clock) {
        this.reception = reception;
        this.floors = floors;
        this.properties = properties;
        this.realClock = realClock;
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
        executor = new ScheduledThreadPoolExecutor(THREADS, r -> {
            Thread t = new Thread(r, "madoguchi-demo-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // On shutdown, drop what is only scheduled but let a running step finish its transaction.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        running = true;

        LocalDate first = properties.day() != null ? properties.day()
                : DemoDays.defaultDay(LocalDate.ofInstant(realClock.instant(), zone));
        beginDay(unused(first, DemoDays::nextCandidate));
        log.warn("Demo: the floor of {} replays business days from {} at speed {}: tickets, screens and the closing of "
                + "the day follow the demo's clock, not the real one. Never run the demo on a production floor.",
                floor.office().id(), day, properties.speed());
        for (CounterPlan.Group g : plan.groups()) {
            log.info("Demo: {} counter(s) open of {} for {}; share of Itabashi's visitors sent: {}",
                    g.open(), g.counterIds().size(), g.departmentIds(),
                    g.departmentIds().stream().filter(mix.departments()::contains)
                            .map(d -> d + "=" + Math.round(plan.share(d) * 100) + "%").toList());
        }
        for (String counterId : plan.countersToOpen()) {
            if (takeCounter(counterId)) {
                heldCounters.add(counterId);
                CounterWorker worker = new CounterWorker(this, reception, counterId);
                schedule(worker::run, ThreadLocalRandom.current().nextLong(100, 1000));
            }
        }
        executor.scheduleWithFixedDelay(() -> guarded("arrivals", this::tick), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Demo visitor simulator started with {} counters", heldCounters.size());
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
        log.info("Demo visitor simulator stopped: {}", counts);
    }

    /** Only counters the system still holds: one a person has taken over is theirs, with whoever is at it. */
    private void closeCounters() {
        for (String counterId : heldCounters) {
            try {
                ReceptionService.CounterState state = reception.counterState(counterId);
                if (!heldBySystem(state)) {
                    continue;
                }
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

    static boolean heldBySystem(ReceptionService.CounterState state) {
        return state.open() && state.staffId() != null && state.staffId() == ReceptionService.SYSTEM_SEAT;
    }

    /**
     * Opens a counter for the simulator unless a person is signed in there. A counter left open by an
     * earlier demo run (the system's seat) is taken over as it is.
     */
    private boolean takeCounter(String counterId) {
        try {
            ReceptionService.CounterState state = reception.counterState(counterId);
            if (state.open() && !heldBySystem(state)) {
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

    // ---------------------------------------------------------------- the replayed days

    /** {@code from} or the first day after it (by {@code next}) on which the office has no tickets yet. */
    private LocalDate unused(LocalDate from, UnaryOperator<LocalDate> next) {
        LocalDate d = from;
        for (int tries = 0; tries < 1000; tries++) {
            if (!reception.serviceDayUsed(floor.office().id(), d)) {
                return d;
            }
            d = next.apply(d);
        }
        throw new IllegalStateException("Demo: no unused business day found from " + from);
    }

    private void beginDay(LocalDate d) {
        day = d;
        dayOver = false;
        clock.moveTo(d.atTime(floor.office().opensAt()).atZone(zone).toInstant());
        lastTick = businessNow();
        lastLoggedHour = -1;
        log.info("Demo: simulating {} ({}), expected tickets {}", d, d.getDayOfWeek(),
                Math.round(mix.departments().stream().mapToDouble(dep -> model.expectedDaily(dep, d) * plan.share(dep)).sum()));
    }

    private LocalDateTime businessNow() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }

    private void tick() {
        LocalDateTime now = businessNow();
        double minutes = Duration.between(lastTick, now).toMillis() / 60_000.0;
        lastTick = now;
        LocalDateTime closes = day.atTime(floor.office().closesAt());
        if (!dayOver && now.isBefore(closes)) {
            arrive(now, minutes);
            logHourly(now);
        } else if (dayOver || queuesEmpty() || now.isAfter(closes.plus(OVERTIME))) {
            log.info("Demo: simulated day {} over: {}", day, counts);
            closeDay();
            beginDay(unused(DemoDays.nextBusinessDay(day.plusDays(1)), d -> DemoDays.nextBusinessDay(d.plusDays(1))));
        }
    }

    /** The demo's own day ends as a real one does; the automatic closing may have been first. */
    private void closeDay() {
        try {
            DayClosing closing = reception.closeDay(floor.office().id(), day, actor);
            log.info("Demo: closed {}: {} unserved visits", day, closing.unservedVisits());
        } catch (ProblemException e) {
            if (!"day-already-closed".equals(e.code())) {
                logProblemOnce("close-day", e);
            }
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

    /** Issues one ticket; false when the replayed day is closed, so the tick stops trying. */
    private boolean issue(VisitorMix.Visitor visitor) {
        try {
            Ticket ticket = reception.issue(new IssueTicket(floor.office().id(), visitor.itinerary(),
                    visitor.priorityClass(), null, null), actor).ticket();
            counts.issued.incrementAndGet();
            if (visitor.unplanned() != null && !ticket.visits().isEmpty()) {
                unplannedHandOvers.put(ticket.visits().get(0).id(), visitor.unplanned());
            }
            return true;
        } catch (ProblemException e) {
            if ("day-closed".equals(e.code())) {
                dayOver = true;
                log.info("Demo: the replayed day {} was closed; the next business day begins", day);
                return false;
            }
            logProblemOnce("issue", e);
            return true;
        }
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
        log.info("Demo: simulated {} {} | {} | waiting:{}", day, now.toLocalTime().withSecond(0).withNano(0), counts,
                waiting.length() == 0 ? " none" : waiting);
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

    // ---------------------------------------------------------------- for the counter workers

    boolean running() {
        return running;
    }

    Actor actor() {
        return actor;
    }

    Counts counts() {
        return counts;
    }

    Map<String, Integer> typicalMinutes() {
        return typicalMinutes;
    }

    ItineraryStep takeUnplanned(long visitId) {
        return unplannedHandOvers.remove(visitId);
    }

    void forgetUnplanned(long visitId) {
        unplannedHandOvers.remove(visitId);
    }

    /** The counter is no longer the simulator's: shutting down leaves it alone. */
    void released(String counterId) {
        heldCounters.remove(counterId);
    }

    void schedule(Runnable task, long delayMillis) {
        if (!running) {
            return;
        }
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The executor is shutting down.
        }
    }

    /** Real delay for a simulated duration, never below 50 ms so a fast demo does not spin. */
    long realMillis(double simulatedSeconds) {
        return Math.max(50, Math.round(simulatedSeconds * 1000 / clock.speed()));
    }

    /** How long a counter with no one to call waits before asking again. */
    long idleMillis() {
        return Math.max(MIN_IDLE_MILLIS, Math.min(3000, realMillis(20)));
    }

    void guarded(String what, Runnable task) {
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

    void logProblemOnce(String operation, ProblemException e) {
        if (loggedProblems.add(operation + ":" + e.code())) {
            log.warn("Demo: {} refused ({}): {} (further refusals of this kind are logged at debug)",
                    operation, e.code(), e.getMessage());
        } else {
            log.debug("Demo: {} refused ({})", operation, e.code());
        }
    }
}

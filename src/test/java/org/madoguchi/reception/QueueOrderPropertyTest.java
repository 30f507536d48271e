package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;

/**
 * The reception system's central promise: at every department the next visitor called is the one with the
 * best priority class and, within it, the EARLIEST ORIGINAL issue time, whether they arrived from the kiosk
 * or were handed over from another department. Random issue / call / complete / hand-over / absent sequences
 * are checked against an independent model of the queues.
 *
 * <p>A plain JUnit 5 randomized test. Every scenario comes from one seed, printed at the start:
 * {@code -Dproperty.seed=…} repeats a run, {@code -Dproperty.try=…} runs only that try of it,
 * {@code -Dproperty.tries=…} changes how many scenarios are run (default 60). A failure names the seed, the try
 * and the step, and lists the steps run so far with the ticket numbers they produced and the model's queues.
 */
class QueueOrderPropertyTest {

    private static final int DEFAULT_TRIES = 60;
    private static final int MIN_OPS = 10;
    private static final int MAX_OPS = 60;

    private static final List<String> DEPARTMENTS = List.of("koseki-jumin", "kokuho-nenkin", "kosodate");
    private static final Map<String, String> COUNTER = Map.of(
            "koseki-jumin", "honcho-1", "kokuho-nenkin", "honcho-11", "kosodate", "honcho-21");
    private static final Map<String, Integer> RANK = Map.of("GENERAL", 100, "ELDERLY", 20, "PREGNANT", 10);
    /** Weighted as before: three in five tickets are GENERAL. */
    private static final List<String> PRIORITY_CLASSES = List.of("GENERAL", "GENERAL", "GENERAL", "ELDERLY", "PREGNANT");
    /** Weighted as before: half of all calls end in completion. */
    private static final List<String> OUTCOMES = List.of("complete", "complete", "hand-over", "absent-return");
    private static final Actor STAFF = Actor.staff(9001, Actor.Role.MANAGER, java.util.Set.of());

    sealed interface Op permits Issue, Serve {
    }

    record Issue(List<String> itinerary, String priorityClass) implements Op {
    }

    /** Call at a department; then complete, hand over to another department, or go absent and come back. */
    record Serve(String department, String outcome, String handOverTo) implements Op {
    }

    @Test
    void everyDepartmentCallsByPriorityThenOriginalIssueTime() {
        Long given = Long.getLong("property.seed");
        long seed = given != null ? given : ThreadLocalRandom.current().nextLong();
        int tries = Integer.getInteger("property.tries", DEFAULT_TRIES);
        Integer only = Integer.getInteger("property.try");
        if (tries < 1 || (only != null && only < 0)) {
            throw new IllegalArgumentException("property.tries must be at least 1 and property.try at least 0");
        }
        System.out.printf("QueueOrderPropertyTest seed=%d, %s (re-run with -Dproperty.seed=%d)%n", seed,
                only != null ? "try " + only + " only" : tries + " tries", seed);

        // All scenarios come from one generator in order, so try N of a seed is the same whether run alone or not.
        Random random = new Random(seed);
        int last = only != null ? only : tries - 1;
        for (int t = 0; t <= last; t++) {
            List<Op> ops = scenario(random);
            if (only == null || only == t) {
                new Run(seed, t, tries, ops).check();
            }
        }
    }

    /** 10 to 60 operations (uniform), two issues to three calls. */
    static List<Op> scenario(Random random) {
        int size = MIN_OPS + random.nextInt(MAX_OPS - MIN_OPS + 1);
        List<Op> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ops.add(random.nextInt(5) < 2 ? issue(random) : serve(random));
        }
        return ops;
    }

    /** One to three different departments in random order, and a priority class. */
    private static Issue issue(Random random) {
        List<String> departments = new ArrayList<>(DEPARTMENTS);
        Collections.shuffle(departments, random);
        List<String> itinerary = List.copyOf(departments.subList(0, 1 + random.nextInt(DEPARTMENTS.size())));
        return new Issue(itinerary, pick(PRIORITY_CLASSES, random));
    }

    /** The hand-over target may be the department itself; then the visit is completed instead. */
    private static Serve serve(Random random) {
        return new Serve(pick(DEPARTMENTS, random), pick(OUTCOMES, random), pick(DEPARTMENTS, random));
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    /** One scenario against the application and the model, keeping a log for the failure message. */
    private static final class Run {
        private final long seed;
        private final int tryIndex;
        private final int tries;
        private final List<Op> ops;
        private final List<String> log = new ArrayList<>();
        private final Model model = new Model();
        private int step;

        Run(long seed, int tryIndex, int tries, List<Op> ops) {
            this.seed = seed;
            this.tryIndex = tryIndex;
            this.tries = tries;
            this.ops = ops;
            model.snapshot();
        }

        void check() {
            try {
                run();
            } catch (RuntimeException e) {
                throw new AssertionError(failure() + "\nthrew " + e, e);
            }
        }

        private void run() {
            TestApp app = TestApp.shared();
            app.resetReception();
            ReceptionService reception = app.bean(ReceptionService.class);
            COUNTER.values().forEach(c -> reception.openCounter(c, STAFF));

            for (step = 0; step < ops.size(); step++) {
                Op op = ops.get(step);
                if (op instanceof Issue issue) {
                    Ticket ticket = reception.issue(new IssueTicket("honcho",
                            issue.itinerary().stream().map(d -> new ItineraryStep(d, List.of())).toList(),
                            issue.priorityClass(), null, null), STAFF).ticket();
                    log.add(describe(op) + " -> ticket " + ticket.number());
                    model.issue(ticket.number(), RANK.get(issue.priorityClass()), issue.itinerary());
                } else if (op instanceof Serve serve) {
                    Optional<Integer> expected = model.head(serve.department());
                    Optional<Ticket.Visit> called = reception.callNext(COUNTER.get(serve.department()), STAFF);
                    Optional<Integer> calledNumber = called.map(v -> numberOf(app, v.id()));
                    log.add(describe(op) + " -> called " + calledNumber.map(String::valueOf).orElse("nobody"));
                    assertThat(calledNumber).as(() -> failure() + "\ncalled at " + serve.department())
                            .isEqualTo(expected);
                    if (called.isEmpty()) {
                        model.snapshot();
                        continue;
                    }
                    long visitId = called.get().id();
                    int number = expected.get();
                    model.take(serve.department(), number);
                    switch (serve.outcome()) {
                        case "absent-return" -> {
                            reception.markAbsent(visitId, STAFF);
                            reception.returnToQueue(visitId, STAFF);
                            model.putBack(serve.department(), number);
                        }
                        case "hand-over" -> {
                            if (serve.handOverTo().equals(serve.department())) {
                                reception.complete(visitId, STAFF);
                                model.complete(number);
                            } else {
                                reception.handOver(visitId, new ItineraryStep(serve.handOverTo(), List.of()), STAFF);
                                model.handOver(number, serve.handOverTo());
                            }
                        }
                        default -> {
                            reception.complete(visitId, STAFF);
                            model.complete(number);
                        }
                    }
                }
                model.snapshot();
            }
            // Whatever is still waiting is exactly what the model says, department by department.
            for (String department : DEPARTMENTS) {
                List<Integer> actual = reception.queue(department, STAFF).stream().map(QueueEntry::number).toList();
                assertThat(actual).as(() -> failure() + "\nqueue of " + department + " after the last step")
                        .isEqualTo(model.queue(department));
            }
        }

        /** Seed, try, the steps run so far (the failing one marked) and the model's queues before it. */
        private String failure() {
            StringBuilder text = new StringBuilder();
            boolean atEnd = step >= ops.size();
            text.append(String.format("QueueOrderPropertyTest seed=%d try %d of %d, %s (re-run with -Dproperty.seed=%d"
                            + " -Dproperty.try=%d)%n", seed, tryIndex, tries,
                    atEnd ? "after step " + (ops.size() - 1) : "step " + step, seed, tryIndex));
            text.append(String.format("scenario: %d steps, %s:%n", ops.size(),
                    atEnd ? "all run" : "steps after " + step + " not run"));
            for (int i = 0; i < Math.min(ops.size(), step + 1); i++) {
                String line = i < log.size() ? log.get(i) : describe(ops.get(i)) + " -> (did not finish)";
                text.append(String.format("%s%3d %s%n", i == step ? ">>" : "  ", i, line));
            }
            text.append("model queues ").append(atEnd ? "at the end" : "before step " + step).append(": ")
                    .append(model.before());
            return text.toString();
        }
    }

    private static String describe(Op op) {
        if (op instanceof Issue issue) {
            return "issue " + issue.priorityClass() + " " + issue.itinerary();
        }
        Serve serve = (Serve) op;
        return "call at " + serve.department() + ", then " + switch (serve.outcome()) {
            case "hand-over" -> serve.handOverTo().equals(serve.department())
                    ? "hand over to itself (= complete)" : "hand over to " + serve.handOverTo();
            default -> serve.outcome();
        };
    }

    private static int numberOf(TestApp app, long visitId) {
        return app.jdbc().sql("SELECT ticket_number FROM reception.visit WHERE id = :id").param("id", visitId)
                .query(Integer.class).single();
    }

    /** An independent model: itineraries as lists, queues as sorted sets of (rank, issue order). */
    static final class Model {
        private record Key(int rank, int number) {
        }

        private final Map<Integer, List<String>> remaining = new HashMap<>();
        private final Map<Integer, Integer> rank = new HashMap<>();
        private final Map<String, List<Key>> waiting = new LinkedHashMap<>();
        private Map<String, List<Integer>> before = Map.of();

        void issue(int number, int rank, List<String> itinerary) {
            this.rank.put(number, rank);
            remaining.put(number, new ArrayList<>(itinerary));
            enqueueFirst(number);
        }

        Optional<Integer> head(String department) {
            return waiting.getOrDefault(department, List.of()).stream()
                    .min(Comparator.comparingInt(Key::rank).thenComparingInt(Key::number)).map(Key::number);
        }

        void take(String department, int number) {
            waiting.get(department).removeIf(k -> k.number() == number);
        }

        void putBack(String department, int number) {
            waiting.computeIfAbsent(department, d -> new ArrayList<>()).add(new Key(rank.get(number), number));
        }

        void complete(int number) {
            remaining.get(number).remove(0);
            enqueueFirst(number);
        }

        void handOver(int number, String target) {
            List<String> rest = remaining.get(number);
            rest.remove(0);
            rest.remove(target);
            rest.add(0, target);
            enqueueFirst(number);
        }

        List<Integer> queue(String department) {
            return waiting.getOrDefault(department, List.of()).stream()
                    .sorted(Comparator.comparingInt(Key::rank).thenComparingInt(Key::number))
                    .map(Key::number).collect(Collectors.toList());
        }

        /** Remembers the queues after a step, so a failure can show them as they were before the next one. */
        void snapshot() {
            Map<String, List<Integer>> queues = new LinkedHashMap<>();
            DEPARTMENTS.forEach(d -> queues.put(d, queue(d)));
            before = queues;
        }

        Map<String, List<Integer>> before() {
            return before;
        }

        private void enqueueFirst(int number) {
            List<String> rest = remaining.get(number);
            if (!rest.isEmpty()) {
                putBack(rest.get(0), number);
            }
        }
    }
}

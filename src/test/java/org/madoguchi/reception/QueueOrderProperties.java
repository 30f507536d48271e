package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;

/**
 * The reception system's central promise: at every department the next visitor called is the one with the
 * best priority class and, within it, the EARLIEST ORIGINAL issue time, whether they arrived from the kiosk
 * or were handed over from another department. Random issue / call / complete / hand-over / absent sequences
 * are checked against an independent model of the queues.
 */
class QueueOrderProperties {

    private static final List<String> DEPARTMENTS = List.of("koseki-jumin", "kokuho-nenkin", "kosodate");
    private static final Map<String, String> COUNTER = Map.of(
            "koseki-jumin", "honcho-1", "kokuho-nenkin", "honcho-11", "kosodate", "honcho-21");
    private static final Map<String, Integer> RANK = Map.of("GENERAL", 100, "ELDERLY", 20, "PREGNANT", 10);
    private static final Actor STAFF = Actor.staff(9001, Actor.Role.MANAGER, java.util.Set.of());

    sealed interface Op permits Issue, Serve {
    }

    record Issue(List<String> itinerary, String priorityClass) implements Op {
    }

    /** Call at a department; then complete, hand over to another department, or go absent and come back. */
    record Serve(String department, String outcome, String handOverTo) implements Op {
    }

    @Property(tries = 60)
    void everyDepartmentCallsByPriorityThenOriginalIssueTime(@ForAll("scenarios") List<Op> ops) {
        TestApp app = TestApp.shared();
        app.resetReception();
        ReceptionService reception = app.bean(ReceptionService.class);
        COUNTER.values().forEach(c -> reception.openCounter(c, STAFF));

        Model model = new Model();
        for (Op op : ops) {
            if (op instanceof Issue issue) {
                Ticket ticket = reception.issue(new IssueTicket("honcho",
                        issue.itinerary().stream().map(d -> new ItineraryStep(d, List.of())).toList(),
                        issue.priorityClass(), null, null), STAFF).ticket();
                model.issue(ticket.number(), RANK.get(issue.priorityClass()), issue.itinerary());
            } else if (op instanceof Serve serve) {
                Optional<Integer> expected = model.head(serve.department());
                Optional<Ticket.Visit> called = reception.callNext(COUNTER.get(serve.department()), STAFF);
                assertThat(called.map(v -> numberOf(app, v.id()))).as("called at %s", serve.department())
                        .isEqualTo(expected);
                if (called.isEmpty()) {
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
        }
        // Whatever is still waiting is exactly what the model says, department by department.
        for (String department : DEPARTMENTS) {
            List<Integer> actual = reception.queue(department, STAFF).stream().map(QueueEntry::number).toList();
            assertThat(actual).as("queue of %s", department).isEqualTo(model.queue(department));
        }
    }

    private static int numberOf(TestApp app, long visitId) {
        return app.jdbc().sql("SELECT ticket_number FROM reception.visit WHERE id = :id").param("id", visitId)
                .query(Integer.class).single();
    }

    @Provide
    Arbitrary<List<Op>> scenarios() {
        Arbitrary<List<String>> itinerary = Arbitraries.of(DEPARTMENTS).list().uniqueElements().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Op> issue = Combinators.combine(itinerary, Arbitraries.of("GENERAL", "GENERAL", "GENERAL", "ELDERLY", "PREGNANT"))
                .as(Issue::new);
        Arbitrary<Op> serve = Combinators.combine(Arbitraries.of(DEPARTMENTS),
                        Arbitraries.of("complete", "complete", "hand-over", "absent-return"), Arbitraries.of(DEPARTMENTS))
                .as(Serve::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, issue),
                net.jqwik.api.Tuple.of(3, serve)).list().ofMinSize(10).ofMaxSize(60);
    }

    /** An independent model: itineraries as lists, queues as sorted sets of (rank, issue order). */
    static final class Model {
        private record Key(int rank, int number) {
        }

        private final Map<Integer, List<String>> remaining = new HashMap<>();
        private final Map<Integer, Integer> rank = new HashMap<>();
        private final Map<String, List<Key>> waiting = new LinkedHashMap<>();

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

        private void enqueueFirst(int number) {
            List<String> rest = remaining.get(number);
            if (!rest.isEmpty()) {
                putBack(rest.get(0), number);
            }
        }
    }
}

package org.madoguchi.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;

/** Two application nodes on one database: a transition committed on one reaches SSE subscribers of the other. */
class TwoNodeEventsTest {

    private static final Actor STAFF = Actor.staff(6101, Actor.Role.MANAGER, Set.of());
    private static TestApp nodeA;
    private static TestApp nodeB;
    /** The office event stream is for staff and the office's devices: these tests watch as its display board. */
    private static String displayToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNodes() {
        nodeA = TestApp.shared();
        nodeB = TestApp.start(Map.of());
        displayToken = nodeA.device("DISPLAY", "honcho");
    }

    @AfterAll
    static void stopSecondNode() {
        nodeB.close();
    }

    @Test
    void anIssueOnNodeAReachesASubscriberOfNodeB() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = subscribe(nodeB, "/api/v1/offices/honcho/events", null, lines);
        awaitLine(lines, "event:hello");

        Ticket ticket = nodeA.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                List.of(new ItineraryStep("kosodate", List.of("jido-teate"))), null, null, null), STAFF).ticket();

        awaitLine(lines, "\"type\":\"ISSUED\",\"officeId\":\"honcho\",\"departmentId\":null,\"number\":" + ticket.number() + ",");
        awaitLine(lines, "\"type\":\"QUEUED\",\"officeId\":\"honcho\",\"departmentId\":\"kosodate\",\"number\":" + ticket.number() + ",");
        assertThat(String.join("\n", lines)).doesNotContain(ticket.id().toString()).doesNotContain(ticket.publicToken());
        stream.cancel(true);
    }

    @Test
    void aReconnectingSubscriberCatchesUpFromLastEventId() throws Exception {
        ReceptionService reception = nodeA.bean(ReceptionService.class);
        int before = reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), STAFF).ticket().number();
        long lastSeen = reception.summary("honcho").lastEventId();
        int missed = reception.issue(new IssueTicket("honcho", List.of(new ItineraryStep("koseki-jumin", List.of())),
                null, null, null), STAFF).ticket().number();

        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = subscribe(nodeB, "/api/v1/offices/honcho/events?department=koseki-jumin", lastSeen, lines);
        awaitLine(lines, "\"type\":\"QUEUED\",\"officeId\":\"honcho\",\"departmentId\":\"koseki-jumin\",\"number\":" + missed + ",");
        assertThat(String.join("\n", lines)).doesNotContain("\"number\":" + before + ",");
        stream.cancel(true);
    }

    private CompletableFuture<HttpResponse<Stream<String>>> subscribe(TestApp node, String path, Long lastEventId,
                                                                     List<String> sink) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + displayToken);
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        CompletableFuture<HttpResponse<Stream<String>>> response =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> new Thread(() -> {
            try {
                r.body().forEach(sink::add);
            } catch (RuntimeException closed) {
                // The test cancelled the stream.
            }
        }).start());
        return response;
    }

    private static void awaitLine(List<String> lines, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(l -> l.contains(fragment))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no SSE line containing " + fragment + " in " + lines);
    }
}

package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;

/** Ended visits driven through the real reception service reach statistics.visit_fact once each. */
class StatisticsIngestionTest {

    private static final Actor MANAGER = Actor.staff(8101, Actor.Role.MANAGER, Set.of());
    private static final Actor KOSEKI = Actor.staff(8102, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static final Actor KOKUHO = Actor.staff(8103, Actor.Role.STAFF, Set.of("kokuho-nenkin"));

    private final TestApp app = TestApp.shared();
    private final ReceptionService reception = app.bean(ReceptionService.class);
    private final StatisticsIngestion ingestion = app.bean(StatisticsIngestion.class);

    @BeforeEach
    void reset() {
        app.resetReception();
        Facts.clear(app);
        app.jdbc().sql("UPDATE statistics.ingest_watermark SET last_event_id = 0").update();
    }

    private Ticket issue(String... departments) {
        return reception.issue(new IssueTicket("honcho", java.util.Arrays.stream(departments)
                .map(d -> new ItineraryStep(d, List.of())).toList(), null, null, null), MANAGER).ticket();
    }

    private List<Map<String, Object>> rows() {
        return app.jdbc().sql("""
                        SELECT source, source_id, department_id, counter_id, seq, issued_at, arrived_at, first_called_at,
                               completed_at, recall_count, ever_absent, outcome, wait_seconds
                        FROM statistics.visit_fact ORDER BY source_id::bigint""").query().listOfRows();
    }

    private OffsetDateTime eventTime(long visitId, String type, boolean first) {
        return app.jdbc().sql("SELECT " + (first ? "min" : "max") + "(occurred_at) FROM reception.event WHERE visit_id = :v AND type = :t")
                .param("v", visitId).param("t", type).query(OffsetDateTime.class).single();
    }

    @Test
    void aHandOverWithAbsenceAndRecallIsCopiedOnceWithItsFirstCall() throws InterruptedException {
        reception.openCounter("honcho-1", KOSEKI);
        reception.openCounter("honcho-11", KOKUHO);
        Ticket ticket = issue("koseki-jumin", "kokuho-nenkin");
        long koseki = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        reception.complete(koseki, KOSEKI);
        long kokuho = reception.callNext("honcho-11", KOKUHO).orElseThrow().id();
        reception.markAbsent(kokuho, KOKUHO);
        reception.returnToQueue(kokuho, KOKUHO);
        Thread.sleep(20);
        assertThat(reception.callNext("honcho-11", KOKUHO).orElseThrow().id()).isEqualTo(kokuho);
        reception.recall(kokuho, KOKUHO);
        reception.complete(kokuho, KOKUHO);
        // A ticket cancelled while waiting ends its visit too.
        Ticket cancelled = issue("koseki-jumin");
        reception.cancel(cancelled.id(), MANAGER);

        assertThat(ingestion.ingestNow()).isEqualTo(3);
        List<Map<String, Object>> first = rows();
        assertThat(first).hasSize(3);
        Map<String, Object> k = first.get(0);
        assertThat(k.get("source")).isEqualTo("live");
        assertThat(k.get("source_id")).isEqualTo(Long.toString(koseki));
        assertThat(k.get("seq")).isEqualTo(1);
        assertThat(k.get("outcome")).isEqualTo("COMPLETED");
        assertThat(k.get("counter_id")).isEqualTo("honcho-1");
        Map<String, Object> n = first.get(1);
        assertThat(n.get("department_id")).isEqualTo("kokuho-nenkin");
        assertThat(n.get("seq")).isEqualTo(2);
        assertThat(n.get("ever_absent")).isEqualTo(true);
        assertThat(n.get("recall_count")).isEqualTo(1);
        assertThat(n.get("outcome")).isEqualTo("COMPLETED");
        // Arrival is the hand-over; the first call counts even though the visitor was called again later.
        assertThat(instant(n.get("arrived_at"))).isEqualTo(eventTime(kokuho, "HANDED_OVER", true).toInstant());
        assertThat(instant(n.get("first_called_at"))).isEqualTo(eventTime(kokuho, "CALLED", true).toInstant());
        assertThat(eventTime(kokuho, "CALLED", false)).isAfter(eventTime(kokuho, "CALLED", true));
        assertThat(instant(n.get("issued_at"))).isCloseTo(ticket.issuedAt(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MICROS));
        Map<String, Object> c = first.get(2);
        assertThat(c.get("outcome")).isEqualTo("CANCELLED");
        assertThat(c.get("first_called_at")).isNull();
        assertThat(c.get("wait_seconds")).isNull();

        // Again: nothing new, the same rows.
        ingestion.ingestNow();
        assertThat(rows()).isEqualTo(first);

        // A new visit is picked up, the others stay as they were.
        issue("koseki-jumin");
        long later = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        reception.complete(later, KOSEKI);
        ingestion.ingestNow();
        List<Map<String, Object>> after = rows();
        assertThat(after).hasSize(4);
        assertThat(after.subList(0, 3)).isEqualTo(first);
        assertThat(after.get(3).get("source_id")).isEqualTo(Long.toString(later));
    }

    @Test
    void anAbsentVisitDroppedAfterTheGraceCountsAsAbsent() {
        reception.openCounter("honcho-1", KOSEKI);
        issue("koseki-jumin");
        long visit = reception.callNext("honcho-1", KOSEKI).orElseThrow().id();
        reception.markAbsent(visit, KOSEKI);
        app.jdbc().sql("UPDATE reception.visit SET absent_at = absent_at - interval '20 minutes' WHERE id = :v")
                .param("v", visit).update();
        assertThat(reception.expireAbsences()).isEqualTo(1);
        ingestion.ingestNow();
        assertThat(rows()).singleElement().satisfies(r -> {
            assertThat(r.get("outcome")).isEqualTo("DROPPED");
            assertThat(r.get("ever_absent")).isEqualTo(true);
            assertThat(r.get("counter_id")).isEqualTo("honcho-1");
            assertThat(r.get("completed_at")).isNull();
        });
        Map<String, StatisticsService.Measures> m = app.bean(StatisticsService.class)
                .measures(StatisticsService.Query.of(java.time.LocalDate.now().minusDays(1), java.time.LocalDate.now().plusDays(1)),
                        StatisticsService.GroupBy.DEPARTMENT)
                .stream().collect(java.util.stream.Collectors.toMap(StatisticsService.Measures::key, x -> x));
        assertThat(m.get("koseki-jumin").absentRate()).isEqualTo(1.0);
    }

    @Test
    void theWatermarkSkipsOnlySettledFacts() {
        reception.openCounter("honcho-1", KOSEKI);
        issue("koseki-jumin");
        reception.complete(reception.callNext("honcho-1", KOSEKI).orElseThrow().id(), KOSEKI);
        ingestion.ingestNow();
        // Just ended: read again next time (a slower transaction could still commit a smaller event id).
        assertThat(watermark()).isZero();
        app.jdbc().sql("UPDATE reception.event SET occurred_at = occurred_at - interval '5 minutes'").update();
        ingestion.ingestNow();
        long completed = app.jdbc().sql("SELECT max(id) FROM reception.event WHERE type = 'COMPLETED'").query(Long.class).single();
        assertThat(watermark()).isEqualTo(completed);
        assertThat(ingestion.ingestNow()).isZero();
        assertThat(rows()).hasSize(1);
    }

    private static java.time.Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant() : ((OffsetDateTime) value).toInstant();
    }

    private long watermark() {
        return app.jdbc().sql("SELECT last_event_id FROM statistics.ingest_watermark WHERE source = 'live'")
                .query(Long.class).single();
    }

}

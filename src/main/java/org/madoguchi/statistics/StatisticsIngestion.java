package org.madoguchi.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.madoguchi.reception.VisitFacts;
import org.madoguchi.reception.VisitFacts.VisitFact;
import org.madoguchi.reception.VisitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Copies ended visits from reception into {@code statistics.visit_fact}. Rows are upserted by (source, visit id),
 * so a run repeated or overlapping changes nothing. The watermark only moves past facts that ended at least
 * {@code settle} ago: event ids are taken before commit, so a slow transaction can commit an id below one
 * already read; everything after the watermark is simply read again next time.
 */
@Component
public class StatisticsIngestion {

    private static final Logger log = LoggerFactory.getLogger(StatisticsIngestion.class);
    private static final String LIVE = "live";

    private final VisitFacts facts;
    private final JdbcClient jdbc;
    private final StatisticsProperties properties;
    private final Clock clock;

    StatisticsIngestion(VisitFacts facts, JdbcClient jdbc, StatisticsProperties properties, Clock clock) {
        this.facts = facts;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${madoguchi.statistics.ingest-interval:PT30S}",
            initialDelayString = "${madoguchi.statistics.ingest-interval:PT30S}")
    void scheduled() {
        try {
            int copied = ingestNow();
            if (copied > 0) {
                log.debug("statistics: {} visit facts copied", copied);
            }
        } catch (RuntimeException e) {
            log.warn("statistics: copying visit facts failed, retrying next run: {}", e.toString());
        }
    }

    /** Copies every ended visit after the watermark; returns how many facts were written (new or again). */
    @Transactional
    public int ingestNow() {
        // The row lock makes concurrent runs (several nodes, or a test and the schedule) take turns.
        long watermark = jdbc.sql("SELECT last_event_id FROM statistics.ingest_watermark WHERE source = :s FOR UPDATE")
                .param("s", LIVE).query(Long.class).optional()
                .orElseGet(() -> {
                    jdbc.sql("INSERT INTO statistics.ingest_watermark (source, last_event_id, updated_at) VALUES (:s, 0, now())")
                            .param("s", LIVE).update();
                    return 0L;
                });
        Instant settledBefore = clock.instant().minus(properties.settle());
        long cursor = watermark;
        long settled = watermark;
        boolean settling = true;
        int written = 0;
        while (true) {
            List<VisitFact> batch = facts.after(cursor, properties.batchSize());
            // One statement per batch: the rollup trigger then refreshes each touched day once, not once per visit.
            upsert(batch);
            for (VisitFact fact : batch) {
                written++;
                // Only a gap-free run of settled facts from the watermark may be skipped from now on.
                if (settling && fact.endedAt().isBefore(settledBefore)) {
                    settled = fact.eventId();
                } else {
                    settling = false;
                }
            }
            if (batch.size() < properties.batchSize()) {
                break;
            }
            cursor = batch.get(batch.size() - 1).eventId();
        }
        jdbc.sql("UPDATE statistics.ingest_watermark SET last_event_id = :id, updated_at = :at WHERE source = :s")
                .param("id", settled).param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("s", LIVE).update();
        return written;
    }

    private void upsert(List<VisitFact> batch) {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            VisitFact f = batch.get(i);
            String outcome = f.outcome() == VisitStatus.COMPLETED || f.outcome() == VisitStatus.DROPPED
                    || f.outcome() == VisitStatus.UNSERVED ? f.outcome().name() : VisitStatus.CANCELLED.name();
            if (i > 0) {
                values.append(",\n");
            }
            values.append("(:source, :id%1$d, :office%1$d, :department%1$d, :counter%1$d, CAST(:date%1$d AS date), :number%1$d, :seq%1$d, "
                    .formatted(i))
                    .append("CAST(:issued%1$d AS timestamptz), CAST(:arrived%1$d AS timestamptz), CAST(:called%1$d AS timestamptz), "
                            .formatted(i))
                    .append("CAST(:completed%1$d AS timestamptz), CAST(:ended%1$d AS timestamptz), :recalls%1$d, :absent%1$d, "
                            .formatted(i))
                    .append(":outcome%1$d, string_to_array(CAST(:procedures%1$d AS text), ','))".formatted(i));
            params.put("id" + i, Long.toString(f.visitId()));
            params.put("office" + i, f.officeId());
            params.put("department" + i, f.departmentId());
            params.put("counter" + i, f.counterId());
            params.put("date" + i, f.serviceDate());
            params.put("number" + i, f.ticketNumber());
            params.put("seq" + i, f.seq());
            params.put("issued" + i, odt(f.originalIssuedAt()));
            params.put("arrived" + i, odt(f.arrivedAt()));
            params.put("called" + i, odt(f.firstCalledAt()));
            params.put("completed" + i, odt(f.completedAt()));
            params.put("ended" + i, odt(f.endedAt()));
            params.put("recalls" + i, f.recallCount());
            params.put("absent" + i, f.everAbsent());
            params.put("outcome" + i, outcome);
            params.put("procedures" + i, String.join(",", f.procedureIds()));
        }
        params.put("source", LIVE);
        jdbc.sql("""
                        INSERT INTO statistics.visit_fact (source, source_id, office_id, department_id, counter_id,
                            service_date, ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at, ended_at,
                            recall_count, ever_absent, outcome, procedure_ids)
                        VALUES %s
                        ON CONFLICT (source, source_id) DO UPDATE SET
                            office_id = EXCLUDED.office_id, department_id = EXCLUDED.department_id,
                            counter_id = EXCLUDED.counter_id, service_date = EXCLUDED.service_date,
                            ticket_number = EXCLUDED.ticket_number, seq = EXCLUDED.seq, issued_at = EXCLUDED.issued_at,
                            arrived_at = EXCLUDED.arrived_at, first_called_at = EXCLUDED.first_called_at,
                            completed_at = EXCLUDED.completed_at, ended_at = EXCLUDED.ended_at,
                            recall_count = EXCLUDED.recall_count, ever_absent = EXCLUDED.ever_absent,
                            outcome = EXCLUDED.outcome, procedure_ids = EXCLUDED.procedure_ids""".formatted(values))
                .params(params)
                .update();
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package org.madoguchi.reception;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ended department visits as facts for statistics, read from the event log in the order of their terminal
 * event (COMPLETED, DROPPED, CANCELLED, VISIT_REMOVED, UNSERVED). A visit ends exactly once, so paging by the
 * terminal event id returns every visit once; callers keep the last event id they have seen.
 */
@Component
public class VisitFacts {

    /** One ended visit of a ticket at one department. */
    public record VisitFact(
            /** Id of the terminal event in reception.event: the paging key. */
            long eventId,
            long visitId,
            String officeId,
            String departmentId,
            /** Where the visitor was last called to; null when never called. */
            String counterId,
            LocalDate serviceDate,
            int ticketNumber,
            /** Step in the itinerary; above 1 the visitor came by hand-over from another department. */
            int seq,
            /** When the ticket was first issued (kept across hand-overs). */
            Instant originalIssuedAt,
            /** Arrival in this department's queue: its QUEUED or HANDED_OVER event. */
            Instant arrivedAt,
            /** The first CALLED event; a visitor returned after absence keeps the first call. */
            Instant firstCalledAt,
            Instant completedAt,
            Instant endedAt,
            int recallCount,
            boolean everAbsent,
            VisitStatus outcome,
            List<String> procedureIds) {

        public boolean handedOver() {
            return seq > 1;
        }
    }

    private final JdbcClient jdbc;

    VisitFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Visits whose terminal event id is above {@code afterEventId}, in that order, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<VisitFact> after(long afterEventId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // The events of one visit are found through the ticket index (reception.event has no visit index).
        return jdbc.sql("""
                        WITH ended AS (
                            SELECT e.id, e.visit_id, e.occurred_at FROM reception.event e
                            WHERE e.id > :after AND e.visit_id IS NOT NULL AND e.type IN ('COMPLETED', 'DROPPED', 'CANCELLED', 'VISIT_REMOVED', 'UNSERVED')
                            ORDER BY e.id LIMIT :limit)
                        SELECT ended.id AS event_id, ended.occurred_at AS ended_at, v.id AS visit_id, t.office_id,
                               v.department_id, v.counter_id, t.service_date, v.ticket_number, v.seq,
                               v.original_issued_at, v.completed_at, v.recall_count, v.status,
                               (SELECT min(q.occurred_at) FROM reception.event q WHERE q.ticket_id = v.ticket_id
                                  AND q.visit_id = v.id AND q.type IN ('QUEUED', 'HANDED_OVER')) AS arrived_at,
                               (SELECT min(c.occurred_at) FROM reception.event c WHERE c.ticket_id = v.ticket_id
                                  AND c.visit_id = v.id AND c.type = 'CALLED') AS first_called_at,
                               (SELECT c.counter_id FROM reception.event c WHERE c.ticket_id = v.ticket_id
                                  AND c.visit_id = v.id AND c.type = 'CALLED' ORDER BY c.id DESC LIMIT 1) AS last_counter,
                               EXISTS (SELECT 1 FROM reception.event a WHERE a.ticket_id = v.ticket_id
                                  AND a.visit_id = v.id AND a.type = 'ABSENT') AS ever_absent,
                               (SELECT string_agg(p.procedure_id, ',' ORDER BY p.procedure_id)
                                  FROM reception.visit_procedure p WHERE p.visit_id = v.id) AS procedures
                        FROM ended
                        JOIN reception.visit v ON v.id = ended.visit_id
                        JOIN reception.ticket t ON t.id = v.ticket_id
                        ORDER BY ended.id""")
                .param("after", afterEventId).param("limit", limit)
                .query((rs, n) -> {
                    String counter = rs.getString("counter_id");
                    String procedures = rs.getString("procedures");
                    return new VisitFact(rs.getLong("event_id"), rs.getLong("visit_id"), rs.getString("office_id"),
                            rs.getString("department_id"), counter != null ? counter : rs.getString("last_counter"),
                            rs.getObject("service_date", LocalDate.class), rs.getInt("ticket_number"), rs.getInt("seq"),
                            ReceptionService.instant(rs, "original_issued_at"), ReceptionService.instant(rs, "arrived_at"),
                            ReceptionService.instant(rs, "first_called_at"), ReceptionService.instant(rs, "completed_at"),
                            ReceptionService.instant(rs, "ended_at"), rs.getInt("recall_count"), rs.getBoolean("ever_absent"),
                            VisitStatus.valueOf(rs.getString("status")),
                            procedures == null ? List.of() : Arrays.asList(procedures.split(",")));
                })
                .list();
    }
}

package org.madoguchi.reception;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only aggregates of past demand for other modules (the congestion forecast): how many visitors reached
 * each department's queue, per service day and clock hour. Counts only, never tickets or people.
 *
 * <p>What is counted: a {@code visit} whose {@code queued_at} is set, i.e. the visitor actually joined that
 * department's queue, whatever happened next (served, absent, cancelled while waiting, unserved at closing),
 * because each of them stood in that queue. A later step of an itinerary that was never reached (still
 * PENDING when the ticket ended) did not crowd that department and is left out. The day is the ticket's
 * {@code service_date}; the hour is {@code queued_at} in the office's time zone, which for the second
 * department of an itinerary is when the visitor was handed over, not when the ticket was printed — the
 * moment that department's hall got one person fuller. (A visit re-queued after being absent keeps one row,
 * so it counts once, at its latest queue time.)
 */
@Service
public class IssueHistory {

    /** Visitors who joined a department's queue in one clock hour of one service day. */
    public record HourlyCount(String departmentId, LocalDate serviceDate, int hour, int visits) {
    }

    private final JdbcClient jdbc;

    IssueHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts for the office's service days from {@code from} to {@code to}, both inclusive, in date order. */
    public List<HourlyCount> hourly(String officeId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT v.department_id, t.service_date,
                               extract(hour FROM v.queued_at AT TIME ZONE o.time_zone)::int AS hour,
                               count(*) AS visits
                        FROM reception.visit v
                        JOIN reception.ticket t ON t.id = v.ticket_id
                        JOIN reception.office o ON o.id = t.office_id
                        WHERE t.office_id = :office AND t.service_date BETWEEN :from AND :to
                          AND v.queued_at IS NOT NULL
                        GROUP BY v.department_id, t.service_date, hour
                        ORDER BY t.service_date, v.department_id, hour""")
                .param("office", officeId).param("from", from).param("to", to)
                .query((rs, n) -> new HourlyCount(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                        rs.getInt(4)))
                .list();
    }

    /**
     * Service days on which the office issued any ticket at all. A business day missing here was not a quiet
     * day but one without records (the system not yet in use, or down), and must not be learnt as zero.
     */
    public List<LocalDate> daysWithTickets(String officeId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT DISTINCT service_date FROM reception.ticket
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to ORDER BY service_date""")
                .param("office", officeId).param("from", from).param("to", to)
                .query(LocalDate.class).list();
    }

    /** Tickets issued per service day (one per visitor and visit, whatever its itinerary), in date order. */
    public record DailyTickets(LocalDate serviceDate, int tickets) {
    }

    /** Tickets issued at the office on each of its service days from {@code from} to {@code to}, both inclusive. */
    public List<DailyTickets> ticketsPerDay(String officeId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT service_date, count(*) FROM reception.ticket
                        WHERE office_id = :office AND service_date BETWEEN :from AND :to
                        GROUP BY service_date ORDER BY service_date""")
                .param("office", officeId).param("from", from).param("to", to)
                .query((rs, n) -> new DailyTickets(rs.getObject(1, LocalDate.class), rs.getInt(2)))
                .list();
    }
}

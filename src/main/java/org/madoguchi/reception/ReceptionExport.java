package org.madoguchi.reception;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only export of reception's own records for statistics: the event log and the tickets of a period, with no
 * personal data (no public tokens, staff or device ids, no event details). Rows are read in keyset pages, each in
 * its own short read-only transaction, and handed to the caller only after that transaction has ended: a slow
 * download never holds a snapshot or a transaction on the live queue tables, and memory stays at one page.
 * Rows committed while an export runs may or may not be included; each row appears at most once.
 */
@Component
public class ReceptionExport {

    /** Rows per page: large enough to make the per-page query cost small, small enough to keep memory flat. */
    static final int PAGE = 5_000;

    /** One entry of the event log. */
    public record EventRow(long id, Instant occurredAt, EventType type, String officeId, Integer ticketNumber,
                           LocalDate serviceDate, Integer seq, String departmentId, String counterId,
                           String fromStatus, String toStatus) {
    }

    /** One ticket with its itinerary (department ids in order) and when its last visit ended. */
    public record TicketRow(String officeId, LocalDate serviceDate, int number, Instant issuedAt, String channel,
                            String priorityClass, String status, List<String> departmentIds, Instant endedAt) {
    }

    /** Filters; the period is of service dates, both ends included (events: the office's local days). */
    public record Filter(LocalDate from, LocalDate to, String officeId, String departmentId, String counterId) {
    }

    private final JdbcClient jdbc;
    private final FloorDirectory floors;
    private final TransactionTemplate shortRead;

    ReceptionExport(JdbcClient jdbc, FloorDirectory floors, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.floors = floors;
        this.shortRead = new TransactionTemplate(transactions);
        this.shortRead.setReadOnly(true);
    }

    /** Every event of the period in time order; returns how many rows were passed to {@code sink}. */
    public long events(Filter filter, Consumer<EventRow> sink) {
        ZoneId zone = zone(filter.officeId());
        OffsetDateTime start = filter.from().atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        // Keyset (occurred_at, id); ids are positive, so (start, 0) is before every event of the period.
        OffsetDateTime afterTime = start;
        long afterId = 0;
        long count = 0;
        while (true) {
            OffsetDateTime t = afterTime;
            long id = afterId;
            List<EventRow> page = shortRead.execute(status -> jdbc.sql("""
                            SELECT e.id, e.occurred_at, e.type, e.office_id, e.ticket_number, t.service_date, v.seq,
                                   e.department_id, e.counter_id, e.from_status, e.to_status
                            FROM reception.event e
                            LEFT JOIN reception.ticket t ON t.id = e.ticket_id
                            LEFT JOIN reception.visit v ON v.id = e.visit_id
                            WHERE e.occurred_at >= :start AND e.occurred_at < :end AND (e.occurred_at, e.id) > (:t, :id)
                              AND (CAST(:office AS text) IS NULL OR e.office_id = :office)
                              AND (CAST(:department AS text) IS NULL OR e.department_id = :department)
                              AND (CAST(:counter AS text) IS NULL OR e.counter_id = :counter)
                            ORDER BY e.occurred_at, e.id LIMIT :page""")
                    .param("start", start).param("end", end).param("t", t).param("id", id)
                    .param("office", filter.officeId()).param("department", filter.departmentId())
                    .param("counter", filter.counterId()).param("page", PAGE)
                    .query((rs, n) -> new EventRow(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                            EventType.valueOf(rs.getString(3)), rs.getString(4), integer(rs, 5),
                            rs.getObject(6, LocalDate.class), integer(rs, 7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11))).list());
            for (EventRow row : page) {
                sink.accept(row);
            }
            count += page.size();
            if (page.size() < PAGE) {
                return count;
            }
            EventRow last = page.get(page.size() - 1);
            afterTime = last.occurredAt().atOffset(ZoneOffset.UTC);
            afterId = last.id();
        }
    }

    /** Every ticket of the period (by service date and number); a department filter keeps tickets that visit it. */
    public long tickets(Filter filter, Consumer<TicketRow> sink) {
        String afterOffice = "";
        LocalDate afterDate = filter.from().minusDays(1);
        int afterNumber = Integer.MIN_VALUE;
        long count = 0;
        while (true) {
            String o = afterOffice;
            LocalDate d = afterDate;
            int n = afterNumber;
            List<TicketRow> page = shortRead.execute(status -> jdbc.sql("""
                            SELECT t.office_id, t.service_date, t.number, t.issued_at, t.channel, t.priority_class, t.status,
                                   ARRAY(SELECT v.department_id FROM reception.visit v WHERE v.ticket_id = t.id ORDER BY v.seq),
                                   (SELECT max(v.ended_at) FROM reception.visit v WHERE v.ticket_id = t.id)
                            FROM reception.ticket t
                            WHERE t.service_date BETWEEN :from AND :to
                              AND (t.office_id, t.service_date, t.number) > (:o, :d, :n)
                              AND (CAST(:office AS text) IS NULL OR t.office_id = :office)
                              AND (CAST(:department AS text) IS NULL OR EXISTS (SELECT 1 FROM reception.visit v
                                   WHERE v.ticket_id = t.id AND v.department_id = :department))
                              AND (CAST(:counter AS text) IS NULL OR EXISTS (SELECT 1 FROM reception.visit v
                                   WHERE v.ticket_id = t.id AND v.counter_id = :counter))
                            ORDER BY t.office_id, t.service_date, t.number LIMIT :page""")
                    .param("from", filter.from()).param("to", filter.to()).param("o", o).param("d", d).param("n", n)
                    .param("office", filter.officeId()).param("department", filter.departmentId())
                    .param("counter", filter.counterId()).param("page", PAGE)
                    .query((rs, i) -> new TicketRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                            strings(rs.getArray(8)), instant(rs, 9))).list());
            for (TicketRow row : page) {
                sink.accept(row);
            }
            count += page.size();
            if (page.size() < PAGE) {
                return count;
            }
            TicketRow last = page.get(page.size() - 1);
            afterOffice = last.officeId();
            afterDate = last.serviceDate();
            afterNumber = last.number();
        }
    }

    private ZoneId zone(String officeId) {
        if (officeId != null) {
            return floors.find(officeId).map(f -> ZoneId.of(f.office().timeZone())).orElse(ZoneId.of("Asia/Tokyo"));
        }
        return floors.offices().stream().findFirst().map(o -> ZoneId.of(o.timeZone())).orElse(ZoneId.of("Asia/Tokyo"));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            result.add((String) o);
        }
        return result;
    }
}

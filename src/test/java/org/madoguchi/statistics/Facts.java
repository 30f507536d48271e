package org.madoguchi.statistics;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.madoguchi.TestApp;

/** Hand-made visit facts (source 'generated') with local Tokyo times, and the data set the tests share. */
final class Facts {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static int next;

    private Facts() {
    }

    static void clear(TestApp app) {
        app.jdbc().sql("TRUNCATE statistics.visit_fact").update();
    }

    /**
     * One visit on {@code date}; times are "HH:mm:ss" local, null when it did not happen. {@code issued} is the
     * ticket's original issue, {@code arrived} the arrival in this department's queue.
     */
    static void visit(TestApp app, String department, String counter, String date, int seq, String issued,
                      String arrived, String called, String completed, int recalls, boolean absent, String outcome) {
        LocalDate day = LocalDate.parse(date);
        String end = completed != null ? completed : called != null ? called : arrived;
        app.jdbc().sql("""
                        INSERT INTO statistics.visit_fact (source, source_id, office_id, department_id, counter_id,
                            service_date, ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at, ended_at,
                            recall_count, ever_absent, outcome)
                        VALUES ('generated', :id, 'honcho', :d, :c, :date, :n, :seq, :issued, :arrived, :called,
                            :completed, :ended, :recalls, :absent, :outcome)""")
                .param("id", "test-" + (++next)).param("d", department).param("c", counter).param("date", day)
                .param("n", next).param("seq", seq).param("issued", at(day, issued)).param("arrived", at(day, arrived))
                .param("called", at(day, called)).param("completed", at(day, completed)).param("ended", at(day, end))
                .param("recalls", recalls).param("absent", absent).param("outcome", outcome)
                .update();
    }

    static OffsetDateTime at(LocalDate day, String time) {
        return time == null ? null : LocalDateTime.of(day, java.time.LocalTime.parse(time)).atZone(TOKYO).toOffsetDateTime();
    }

    /**
     * The shared data set. Fiscal 2023 at 戸籍住民課: waits 120, 240, 600 (absent, dropped), 300 (handed over,
     * 1,500 s since issue); services 300, 600, 300. Outside fiscal 2023: one visit on 2023-03-31 and one on
     * 2024-04-01. 国保年金課: one visit just after midnight UTC (08:30 JST on 2023-09-01) waiting 219 s, and one
     * cancelled before being called.
     */
    static void standard(TestApp app) {
        visit(app, "koseki-jumin", "honcho-1", "2023-08-10", 1, "09:00:00", "09:00:00", "09:02:00", "09:07:00", 0, false, "COMPLETED");
        visit(app, "koseki-jumin", "honcho-2", "2023-08-10", 1, "09:30:00", "09:30:00", "09:34:00", "09:44:00", 2, false, "COMPLETED");
        visit(app, "koseki-jumin", "honcho-1", "2024-03-29", 1, "16:00:00", "16:00:00", "16:10:00", null, 0, true, "DROPPED");
        visit(app, "koseki-jumin", "honcho-2", "2023-08-10", 2, "10:00:00", "10:20:00", "10:25:00", "10:30:00", 0, false, "COMPLETED");
        visit(app, "koseki-jumin", "honcho-1", "2024-04-01", 1, "09:00:00", "09:00:00", "09:01:00", "09:03:00", 0, false, "COMPLETED");
        visit(app, "koseki-jumin", "honcho-1", "2023-03-31", 1, "09:00:00", "09:00:00", "09:09:00", "09:10:00", 0, false, "COMPLETED");
        visit(app, "kokuho-nenkin", "honcho-11", "2023-09-01", 1, "08:30:00", "08:30:00", "08:33:39", "08:40:00", 0, false, "COMPLETED");
        visit(app, "kokuho-nenkin", null, "2023-10-02", 1, "11:00:00", "11:00:00", null, null, 0, false, "CANCELLED");
    }
}

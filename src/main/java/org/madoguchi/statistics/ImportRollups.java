package org.madoguchi.statistics;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The rollups of the rows one legacy import adds, computed while the file is parsed, so that this work runs on the
 * application's core while PostgreSQL inserts on the other, instead of after the insert in the rollup trigger (which
 * took as long as the insert itself). The import tells the trigger to leave its statement alone
 * ({@link #SKIP_TRIGGER}) and then calls {@link #write}.
 *
 * <p>The figures are those of {@code statistics.rollup_aggregate} (V15) for imported rows, which are always the
 * first step of a visit, arrive when issued and have no procedures: {@code ImportRollupsTest} checks that a
 * rebuild from the facts gives exactly the same rows. When a touched day already has rollups (visits of the same
 * department and day were there before), or the file is too large to keep its figures here, the days are
 * recomputed from the facts instead, as any other writer's are.
 */
final class ImportRollups {

    /** Tells the insert trigger (V18) that the writer of this transaction's statements writes the rollups itself. */
    static final String SKIP_TRIGGER = "SET LOCAL madoguchi.rollups_by_writer = 'on'";
    static final String RESTORE_TRIGGER = "SET LOCAL madoguchi.rollups_by_writer = 'off'";
    /**
     * How much is kept before giving up and recomputing from the facts, so that memory stays bounded whatever the
     * file: waits for the histograms (4 bytes each) and (department, counter, day, hour) groups (about 200 bytes
     * each; nine years of Itabashi would be some 900,000). A year of a whole office fits.
     */
    static final int MAX_WAITS = 8_000_000;
    static final int MAX_HOURS = 200_000;

    private final ZoneOffsets offsets;
    private final Map<DayKey, Day> days = new HashMap<>();
    private final Map<HourKey, Hour> hours = new HashMap<>();
    private final int maxWaits;
    private final int maxHours;
    private int waits;
    private boolean gaveUp;

    /** {@code zone}: the rollups' zone for hours of day ({@code statistics.rollup_config}). */
    ImportRollups(ZoneId zone) {
        this(zone, MAX_WAITS, MAX_HOURS);
    }

    ImportRollups(ZoneId zone, int maxWaits, int maxHours) {
        this.offsets = new ZoneOffsets(zone);
        this.maxWaits = maxWaits;
        this.maxHours = maxHours;
    }

    static ZoneId zone(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT time_zone FROM statistics.rollup_config WHERE id = 1")) {
            rs.next();
            return ZoneId.of(rs.getString(1));
        }
    }

    private record DayKey(String department, LocalDate day) {
    }

    private record HourKey(String department, String counter, LocalDate day, int hour) {
    }

    /** Count, sum, minimum and maximum of durations in seconds (SQL's null minimum is NaN here). */
    private static final class Durations {
        int n;
        double sum;
        double min = Double.NaN;
        double max = Double.NaN;

        void add(long seconds) {
            n++;
            sum += seconds;
            min = Double.isNaN(min) ? seconds : Math.min(min, seconds);
            max = Double.isNaN(max) ? seconds : Math.max(max, seconds);
        }
    }

    /** One (department, day) at step 1; also its rollup_procedure row (procedure ''). */
    private static final class Day {
        int visits;
        int called;
        int absent;
        final Durations wait = new Durations();
        final Durations service = new Durations();
        int[] waits = new int[16];
    }

    /** One (department, counter, day, hour); its minimum and maximum are not kept in rollup_hour. */
    private static final class Hour {
        int visits;
        int called;
        int completed;
        final Durations wait = new Durations();
        final Durations service = new Durations();
    }

    /**
     * One imported row: times in seconds since 1970 ({@code called} and {@code completed} may be
     * {@link CopyBinaryWriter#NULL_TIME}); arrival is the issue time.
     */
    void add(String department, String counter, LocalDate serviceDate, long issued, long called, long completed,
             boolean absent, boolean isCompleted) {
        // The day is kept even after giving up: its key is what the facts are recomputed for.
        Day day = days.computeIfAbsent(new DayKey(department, serviceDate), k -> new Day());
        if (gaveUp) {
            return;
        }
        Hour hour = hours.computeIfAbsent(new HourKey(department, counter == null ? "" : counter, serviceDate,
                offsets.hour(issued)), k -> new Hour());
        day.visits++;
        hour.visits++;
        if (absent) {
            day.absent++;
        }
        if (isCompleted) {
            hour.completed++;
        }
        if (called != CopyBinaryWriter.NULL_TIME) {
            long wait = called - issued;
            day.called++;
            hour.called++;
            day.wait.add(wait);
            hour.wait.add(wait);
            if (day.waits.length == day.wait.n - 1) {
                day.waits = Arrays.copyOf(day.waits, day.waits.length * 2);
            }
            day.waits[day.wait.n - 1] = (int) wait;
            waits++;
            if (completed != CopyBinaryWriter.NULL_TIME) {
                day.service.add(completed - called);
                hour.service.add(completed - called);
            }
        }
        if (waits > maxWaits || hours.size() > maxHours) {
            gaveUp = true;
            hours.clear();
            days.values().forEach(d -> d.waits = null);
        }
    }

    /** Whether this import gave up keeping figures (a limit was passed) and the days will be recomputed. */
    boolean gaveUp() {
        return gaveUp;
    }

    /**
     * Writes the rollups of the rows added in this transaction (after the trigger was told to skip them): these
     * figures when every touched group is new, otherwise a refresh of the groups from the facts.
     */
    void write(Connection connection, String officeId) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        List<String> departments = new ArrayList<>(days.size());
        List<LocalDate> dates = new ArrayList<>(days.size());
        days.keySet().forEach(k -> {
            departments.add(k.department());
            dates.add(k.day());
        });
        String[] offices = new String[days.size()];
        Arrays.fill(offices, officeId);
        try (Statement s = connection.createStatement()) {
            // The rollup writers' lock (V14): taken before deciding that the groups are new, as the trigger does.
            s.execute("SELECT pg_advisory_xact_lock(20231, 14)");
        }
        boolean seen;
        try (PreparedStatement p = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM statistics.rollup_day r
                               JOIN unnest(?::text[], ?::date[]) AS k(department_id, service_date)
                                 ON r.department_id = k.department_id AND r.service_date = k.service_date
                               WHERE r.office_id = ?)""")) {
            p.setArray(1, connection.createArrayOf("text", departments.toArray()));
            p.setArray(2, connection.createArrayOf("date", dates.toArray()));
            p.setString(3, officeId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                seen = rs.getBoolean(1);
            }
        }
        if (seen || gaveUp) {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT statistics.refresh_rollups(?::text[], ?::text[], ?::date[])")) {
                p.setArray(1, connection.createArrayOf("text", offices));
                p.setArray(2, connection.createArrayOf("text", departments.toArray()));
                p.setArray(3, connection.createArrayOf("date", dates.toArray()));
                p.execute();
            }
            return;
        }
        copy(connection, "COPY statistics.rollup_day FROM STDIN", dayRows(officeId));
        copy(connection, "COPY statistics.rollup_hour (office_id, department_id, counter_id, service_date, hour, visits, "
                + "called, completed, wait_n, wait_sum, service_n, service_sum) FROM STDIN", hourRows(officeId));
        copy(connection, "COPY statistics.rollup_procedure FROM STDIN", procedureRows(officeId));
    }

    /** rollup_day columns in table order (V14), as COPY text. */
    private StringBuilder dayRows(String office) {
        StringBuilder out = new StringBuilder(days.size() * 200);
        days.forEach((k, d) -> {
            out.append(office).append('\t').append(k.department()).append('\t').append(k.day()).append("\t1\t")
                    .append(d.visits).append('\t').append(d.visits).append("\t0\t").append(d.called).append('\t')
                    .append(d.absent).append('\t');
            durations(out, d.wait).append('\t');
            durations(out, d.service).append("\t0\t0\t");
            histogram(out, d.waits, d.wait.n);
            out.append('\n');
        });
        return out;
    }

    /** The sparse histogram: sorted distinct whole seconds, then how many waits had each. */
    private static void histogram(StringBuilder out, int[] waits, int n) {
        int[] sorted = Arrays.copyOf(waits, n);
        Arrays.sort(sorted);
        StringBuilder counts = new StringBuilder("{");
        out.append('{');
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            if (i > 0) {
                out.append(',');
                counts.append(',');
            }
            out.append(sorted[i]);
            counts.append(j - i);
            i = j;
        }
        out.append("}\t").append(counts).append('}');
    }

    private StringBuilder hourRows(String office) {
        StringBuilder out = new StringBuilder(hours.size() * 80);
        hours.forEach((k, h) -> out.append(office).append('\t').append(k.department()).append('\t').append(k.counter())
                .append('\t').append(k.day()).append('\t').append(k.hour()).append('\t').append(h.visits).append('\t')
                .append(h.called).append('\t').append(h.completed).append('\t').append(h.wait.n).append('\t')
                .append(h.wait.sum).append('\t').append(h.service.n).append('\t').append(h.service.sum).append('\n'));
        return out;
    }

    /** Imported visits name no procedure: one row per department and day under procedure ''. */
    private StringBuilder procedureRows(String office) {
        StringBuilder out = new StringBuilder(days.size() * 80);
        days.forEach((k, d) -> out.append(office).append('\t').append(k.department()).append('\t').append(k.day())
                .append("\t\t").append(d.visits).append('\t').append(d.wait.n).append('\t').append(d.wait.sum)
                .append('\t').append(d.service.n).append('\t').append(d.service.sum).append('\n'));
        return out;
    }

    /** n, sum, min, max as rollup_day holds them (min and max null without any duration). */
    private static StringBuilder durations(StringBuilder out, Durations d) {
        out.append(d.n).append('\t').append(d.sum).append('\t');
        return d.n == 0 ? out.append("\\N\t\\N") : out.append(d.min).append('\t').append(d.max);
    }

    private static void copy(Connection connection, String sql, StringBuilder rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}

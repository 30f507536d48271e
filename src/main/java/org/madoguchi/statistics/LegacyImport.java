package org.madoguchi.statistics;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.stereotype.Service;

/**
 * Import of legacy reception logs (one CSV line per department visit) into {@code statistics.visit_fact} with
 * {@code source = 'import'}.
 *
 * <p>One pass: every line is parsed and checked, and good lines are streamed with COPY into a temporary table
 * inside one transaction. Duplicates inside the file are then found in SQL (so memory stays flat for files of
 * millions of lines). If any line was refused, or on a dry run, the transaction is rolled back: nothing is ever
 * half-imported. Otherwise the rows move into the facts table, skipping keys already imported (imports take
 * turns), and the transaction commits.
 *
 * <p>The key ({@code source_id}) is the row's content, not the file: office, department, issue time to the second
 * and ticket number identify one visit in any legacy system. Re-importing the same rows from a renamed file, or an
 * overlapping export of a longer period, therefore adds nothing twice; a corrected row (same ticket, other call
 * time) is kept as first imported.
 */
@Service
class LegacyImport {

    /** How many refused lines a report lists; the total is always given. */
    static final int MAX_REPORTED = 1_000;
    private static final int FLUSH_BYTES = 1 << 20;

    /**
     * The header names of the mapped columns. 業務日, 不在 and 窓口 are optional: a name missing from the header is
     * ignored (null takes the usual name, blank means "not in this file").
     */
    record Mapping(String issuedAt, String calledAt, String completedAt, String ticketNumber, String department,
                   String counter, String serviceDate, String absent) {

        static Mapping defaults() {
            return new Mapping("発券時刻", "呼出時刻", "完了時刻", "受付番号", "課", "窓口", "業務日", "不在");
        }

        Mapping orDefaults() {
            Mapping d = defaults();
            return new Mapping(or(issuedAt, d.issuedAt), or(calledAt, d.calledAt), or(completedAt, d.completedAt),
                    or(ticketNumber, d.ticketNumber), or(department, d.department), or(counter, d.counter),
                    serviceDate == null ? d.serviceDate : blank(serviceDate), absent == null ? d.absent : blank(absent));
        }

        private static String or(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        private static String blank(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    record Rejection(long line, String reason) {
    }

    /** The outcome: on refusal {@code rejected} lists the first {@link #MAX_REPORTED} lines, {@code rejectedTotal} all. */
    record Result(boolean dryRun, boolean accepted, long read, long valid, long imported, long alreadyPresent,
                  long rejectedTotal, List<Rejection> rejected, long millis) {
    }

    private static final org.slf4j.Logger PHASES = org.slf4j.LoggerFactory.getLogger(LegacyImport.class);

    private final DataSource dataSource;
    private final FloorDirectory floors;

    LegacyImport(DataSource dataSource, FloorDirectory floors) {
        this.dataSource = dataSource;
        this.floors = floors;
    }

    Result run(InputStream in, ExportEncoding encoding, Mapping mapping, String officeId, boolean dryRun) {
        long started = System.nanoTime();
        Floor floor = floors.find(officeId == null ? "" : officeId.strip()).orElseThrow(() ->
                ProblemException.invalid("unknown-office", "庁舎「" + officeId + "」は登録されていません。"));
        Mapping m = mapping.orDefaults();
        Lookup lookup = new Lookup(floor);
        Reports reports = new Reports();
        long read = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement s = connection.createStatement()) {
                    s.execute("""
                            CREATE TEMP TABLE legacy_import_rows (line bigint, source_id text, department_id text,
                                counter_id text, service_date date, ticket_number int, issued_at timestamptz,
                                first_called_at timestamptz, completed_at timestamptz, ended_at timestamptz,
                                ever_absent boolean, outcome text) ON COMMIT DROP""");
                }
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY legacy_import_rows FROM STDIN");
                try {
                    read = parse(in, encoding, m, floor, lookup, reports, copy);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                long parsed = System.nanoTime();
                duplicates(connection, reports);
                long checked = System.nanoTime();
                long valid = read - reports.total;
                if (reports.total > 0 || dryRun) {
                    connection.rollback();
                    return new Result(dryRun, reports.total == 0, read, valid, 0, 0, reports.total, reports.sorted(),
                            millis(started));
                }
                long imported;
                try (Statement s = connection.createStatement()) {
                    // One import at a time (nothing else writes source 'import'): the statement below then sees every
                    // earlier import committed, and an anti-join replaces ON CONFLICT, whose speculative insertion
                    // cost about 1 s per 200,000 rows. Room for the rollup trigger's aggregation of the new rows.
                    s.execute("SELECT pg_advisory_xact_lock(20231, 15)");
                    s.execute("SET LOCAL work_mem = '64MB'");
                    imported = s.executeUpdate("""
                            INSERT INTO statistics.visit_fact (source, source_id, office_id, department_id, counter_id,
                                service_date, ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at,
                                ended_at, recall_count, ever_absent, outcome)
                            SELECT 'import', source_id, '%s', department_id, counter_id, service_date, ticket_number, 1,
                                issued_at, issued_at, first_called_at, completed_at, ended_at, 0, ever_absent, outcome
                            FROM legacy_import_rows r
                            WHERE NOT EXISTS (SELECT 1 FROM statistics.visit_fact f
                                              WHERE f.source = 'import' AND f.source_id = r.source_id)"""
                            .formatted(floor.office().id().replace("'", "''")));
                }
                long inserted = System.nanoTime();
                connection.commit();
                PHASES.info("Legacy import phases: parse and copy {} ms, duplicate check {} ms, insert with rollups {} ms, "
                        + "commit {} ms", (parsed - started) / 1_000_000, (checked - parsed) / 1_000_000,
                        (inserted - checked) / 1_000_000, (System.nanoTime() - inserted) / 1_000_000);
                return new Result(false, true, read, valid, imported, valid - imported, 0, List.of(), millis(started));
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Legacy import failed", e);
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Lines whose key already appeared earlier in the file. */
    private static void duplicates(Connection connection, Reports reports) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT line, first FROM (
                    SELECT line, first_value(line) OVER w AS first, row_number() OVER w AS n
                    FROM legacy_import_rows WINDOW w AS (PARTITION BY source_id ORDER BY line)) t
                WHERE n > 1 ORDER BY line""")) {
            // Only the duplicates come back: the file's other rows never cross the connection again.
            while (rs.next()) {
                reports.add(rs.getLong("line"), rs.getLong("first") + " 行目と同じ受付（課・発券時刻・受付番号）が重複しています。");
            }
        }
    }

    private long parse(InputStream in, ExportEncoding encoding, Mapping m, Floor floor, Lookup lookup, Reports reports,
                       CopyIn copy) throws SQLException {
        ZoneId zone = ZoneId.of(floor.office().timeZone());
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        long read = 0;
        long lastLine = 1;
        StringBuilder text = new StringBuilder(FLUSH_BYTES + 4096);
        try {
            // A UTF-8 byte order mark (Excel writes one) is not part of the first header name.
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CsvReader<CsvRecord> csv = CsvReader.builder().allowMissingFields(true).allowExtraFields(true)
                    .skipEmptyLines(true).ofCsvRecord(reader);
            Columns columns = null;
            for (CsvRecord record : csv) {
                lastLine = record.getStartingLineNumber();
                if (columns == null) {
                    columns = Columns.of(record.getFields(), m);
                    continue;
                }
                read++;
                String reason = row(record, columns, zone, lookup, text);
                if (reason != null) {
                    reports.add(record.getStartingLineNumber(), reason);
                } else if (text.length() >= FLUSH_BYTES) {
                    flush(copy, text);
                }
            }
            if (columns == null) {
                throw ProblemException.invalid("empty-file", "ファイルが空です。1 行目に見出し（列名）の行が必要です。");
            }
            flush(copy, text);
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("bad-encoding", (lastLine + 1) + " 行目付近に " + encoding.label()
                    + " として読めない文字があります。文字コードの指定（UTF-8 または Shift_JIS）を確認してください。");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            throw ProblemException.invalid("bad-csv", (lastLine + 1) + " 行目付近を CSV として読めません（引用符の閉じ忘れなど）。");
        }
        return read;
    }

    /** The positions of the mapped columns; a mapped column missing from the header refuses the whole file. */
    private record Columns(int issued, int called, int completed, int number, int department, int counter,
                           int serviceDate, int absent, int max) {

        static Columns of(List<String> header, Mapping m) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i).strip(), i);
            }
            List<String> missing = new ArrayList<>();
            int issued = need(index, m.issuedAt(), missing);
            int called = need(index, m.calledAt(), missing);
            int completed = need(index, m.completedAt(), missing);
            int number = need(index, m.ticketNumber(), missing);
            int department = need(index, m.department(), missing);
            int counter = index.getOrDefault(m.counter(), -1);
            int serviceDate = m.serviceDate() == null ? -1 : index.getOrDefault(m.serviceDate(), -1);
            int absent = m.absent() == null ? -1 : index.getOrDefault(m.absent(), -1);
            if (!missing.isEmpty()) {
                throw ProblemException.invalid("missing-column", "1 行目の見出しに列「" + String.join("」「", missing)
                        + "」がありません。列の対応づけを確認してください。見出し: " + String.join(", ", header));
            }
            int max = Math.max(Math.max(Math.max(issued, called), Math.max(completed, number)),
                    Math.max(Math.max(department, counter), Math.max(serviceDate, absent)));
            return new Columns(issued, called, completed, number, department, counter, serviceDate, absent, max);
        }

        private static int need(Map<String, Integer> index, String name, List<String> missing) {
            Integer i = index.get(name);
            if (i == null) {
                missing.add(name);
                return -1;
            }
            return i;
        }
    }

    /** Checks one line; appends it as COPY text and answers null, or answers the Japanese reason it is refused. */
    private static String row(CsvRecord r, Columns c, ZoneId zone, Lookup lookup, StringBuilder out) {
        if (r.getFieldCount() <= c.max()) {
            return "列が足りません（" + r.getFieldCount() + " 列しかありません）。";
        }
        String departmentValue = r.getField(c.department()).strip();
        if (departmentValue.isEmpty()) {
            return "課が空欄です。";
        }
        String department = lookup.department(departmentValue);
        if (department == null) {
            return "課「" + departmentValue + "」はこの庁舎に登録されていません。";
        }
        String counter = null;
        if (c.counter() >= 0) {
            String counterValue = r.getField(c.counter()).strip();
            if (!counterValue.isEmpty()) {
                counter = lookup.counter(counterValue);
                if (counter == null) {
                    return "窓口「" + counterValue + "」はこの庁舎に登録されていません。";
                }
            }
        }
        String numberValue = r.getField(c.number()).strip();
        int number;
        try {
            number = Integer.parseInt(Lookup.halfWidth(numberValue));
            if (number < 0) {
                return "受付番号「" + numberValue + "」が負の数です。";
            }
        } catch (NumberFormatException e) {
            return numberValue.isEmpty() ? "受付番号が空欄です。" : "受付番号「" + numberValue + "」が数字ではありません。";
        }
        LocalDate serviceDate = null;
        if (c.serviceDate() >= 0) {
            String value = r.getField(c.serviceDate()).strip();
            if (!value.isEmpty()) {
                serviceDate = Times.date(value);
                if (serviceDate == null) {
                    return "業務日「" + value + "」を日付として読めません（例: 2024/04/01）。";
                }
            }
        }
        String issuedValue = r.getField(c.issued()).strip();
        if (issuedValue.isEmpty()) {
            return "発券時刻が空欄です。";
        }
        LocalDateTime issued = Times.dateTime(issuedValue, serviceDate);
        if (issued == null) {
            return "発券時刻「" + issuedValue + "」を日時として読めません（例: 2024/04/01 09:00:00）。";
        }
        if (serviceDate == null) {
            serviceDate = issued.toLocalDate();
        }
        String calledValue = r.getField(c.called()).strip();
        LocalDateTime called = calledValue.isEmpty() ? null : Times.dateTime(calledValue, serviceDate);
        if (!calledValue.isEmpty() && called == null) {
            return "呼出時刻「" + calledValue + "」を日時として読めません（例: 2024/04/01 09:05:00）。";
        }
        String completedValue = r.getField(c.completed()).strip();
        LocalDateTime completed = completedValue.isEmpty() ? null : Times.dateTime(completedValue, serviceDate);
        if (!completedValue.isEmpty() && completed == null) {
            return "完了時刻「" + completedValue + "」を日時として読めません（例: 2024/04/01 09:10:00）。";
        }
        boolean absent = false;
        if (c.absent() >= 0) {
            String value = r.getField(c.absent()).strip();
            Boolean parsed = Lookup.flag(value);
            if (parsed == null) {
                return "不在欄の「" + value + "」を読めません（不在なら 1・○・あり、そうでなければ空欄・0・なし）。";
            }
            absent = parsed;
        }
        if (called != null && called.isBefore(issued)) {
            return "呼出時刻（" + calledValue + "）が発券時刻（" + issuedValue + "）より前です。";
        }
        if (completed != null && called == null) {
            return "完了時刻があるのに呼出時刻が空欄です。";
        }
        if (completed != null && completed.isBefore(called)) {
            return "完了時刻（" + completedValue + "）が呼出時刻（" + calledValue + "）より前です。";
        }
        if (called != null && completed == null && !absent) {
            return "呼び出した受付に完了時刻がありません（不在で終わった場合は不在欄に記入してください）。";
        }
        if (issued.toLocalDate().isAfter(serviceDate) || issued.toLocalDate().isBefore(serviceDate.minusDays(1))) {
            return "発券時刻（" + issuedValue + "）が業務日（" + serviceDate + "）と合いません。";
        }
        String outcome = completed != null ? "COMPLETED" : absent ? "DROPPED" : "CANCELLED";
        LocalDateTime ended = completed != null ? completed : called != null ? called : issued;
        Instant issuedAt = issued.atZone(zone).toInstant();
        // The key: this visit's identity in any file (see the class comment). Issue time in UTC, so the key does not
        // depend on the zone the file was written in.
        out.append(r.getStartingLineNumber()).append('\t');
        Lookup.copyText(out, lookup.office + "|" + department + "|" + LocalDateTime.ofInstant(issuedAt, ZoneOffset.UTC)
                + "|" + number);
        out.append('\t');
        Lookup.copyText(out, department);
        out.append('\t');
        if (counter == null) {
            out.append("\\N");
        } else {
            Lookup.copyText(out, counter);
        }
        out.append('\t').append(serviceDate).append('\t').append(number).append('\t');
        appendTime(out, issued, zone);
        out.append('\t');
        appendTime(out, called, zone);
        out.append('\t');
        appendTime(out, completed, zone);
        out.append('\t');
        appendTime(out, ended, zone);
        out.append('\t').append(absent ? 't' : 'f')
                .append('\t').append(outcome).append('\n');
        return null;
    }

    /** "2024-04-01 09:00:00+09:00" by hand: java.time's formatting was a large share of the import's time. */
    private static void appendTime(StringBuilder out, LocalDateTime time, ZoneId zone) {
        if (time == null) {
            out.append("\\N");
            return;
        }
        int offset = zone.getRules().getOffset(time).getTotalSeconds();
        out.append(time.getYear()).append('-');
        two(out, time.getMonthValue()).append('-');
        two(out, time.getDayOfMonth()).append(' ');
        two(out, time.getHour()).append(':');
        two(out, time.getMinute()).append(':');
        two(out, time.getSecond()).append(offset < 0 ? '-' : '+');
        int abs = Math.abs(offset);
        two(out, abs / 3600).append(':');
        two(out, abs / 60 % 60);
        if (abs % 60 != 0) {
            out.append(':');
            two(out, abs % 60);
        }
    }

    private static StringBuilder two(StringBuilder out, int n) {
        return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private static void flush(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** Refused lines: all are counted, the first {@link #MAX_REPORTED} by line number are kept. */
    private static final class Reports {
        private final List<Rejection> kept = new ArrayList<>();
        private long total;

        void add(long line, String reason) {
            total++;
            kept.add(new Rejection(line, reason));
            if (kept.size() > MAX_REPORTED * 2) {
                trim();
            }
        }

        private void trim() {
            kept.sort(Comparator.comparingLong(Rejection::line));
            kept.subList(MAX_REPORTED, kept.size()).clear();
        }

        List<Rejection> sorted() {
            kept.sort(Comparator.comparingLong(Rejection::line));
            if (kept.size() > MAX_REPORTED) {
                kept.subList(MAX_REPORTED, kept.size()).clear();
            }
            return List.copyOf(kept);
        }
    }

    /** Date and time formats of legacy systems: / or -, with or without leading zeros, seconds optional. */
    static final class Times {

        private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
                .appendValue(ChronoField.YEAR, 4).optionalStart().appendLiteral('/').optionalEnd()
                .optionalStart().appendLiteral('-').optionalEnd()
                .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                .optionalStart().appendLiteral('/').optionalEnd().optionalStart().appendLiteral('-').optionalEnd()
                .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT)
                .withChronology(java.time.chrono.IsoChronology.INSTANCE);
        private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
                .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE).appendLiteral(':')
                .appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalStart().appendLiteral(':')
                .appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
                .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

        private Times() {
        }

        static LocalDate date(String value) {
            String v = Lookup.halfWidth(value);
            // Only / and - separate; mixing them or other text is not a date.
            if (!v.matches("\\d{4}([/-])\\d{1,2}\\1\\d{1,2}")) {
                return null;
            }
            try {
                return LocalDate.parse(v, DATE);
            } catch (DateTimeException e) {
                return null;
            }
        }

        /** "2024/04/01 09:00:00", "2024-04-01 09:00:00", "2024/4/1 9:00", ISO "T"; a time alone is on {@code day}. */
        static LocalDateTime dateTime(String value, LocalDate day) {
            LocalDateTime fast = fast(value);
            return fast != null ? fast : slow(value, day);
        }

        /**
         * The usual shape, ASCII "yyyy/M/d H:mm[:ss]" (or '-', or 'T'), read by hand; anything else (and any value
         * this cannot read) goes the general way, which decides. Only ever accepts what the general way accepts.
         */
        static LocalDateTime fast(String v) {
            int n = v.length();
            int i = 0;
            if (n < 13) {
                return null;
            }
            int year = 0;
            for (; i < 4; i++) {
                char ch = v.charAt(i);
                if (ch < '0' || ch > '9') {
                    return null;
                }
                year = year * 10 + (ch - '0');
            }
            char separator = v.charAt(i++);
            if (separator != '/' && separator != '-') {
                return null;
            }
            int[] pos = {i};
            int month = number(v, pos, 2);
            if (month < 0 || pos[0] >= n || v.charAt(pos[0]++) != separator) {
                return null;
            }
            int dayOfMonth = number(v, pos, 2);
            if (dayOfMonth < 0 || pos[0] >= n || (v.charAt(pos[0]) != ' ' && v.charAt(pos[0]) != 'T')) {
                return null;
            }
            pos[0]++;
            int hour = number(v, pos, 2);
            if (hour < 0 || pos[0] >= n || v.charAt(pos[0]++) != ':') {
                return null;
            }
            int start = pos[0];
            int minute = number(v, pos, 2);
            if (minute < 0 || pos[0] - start != 2) {
                return null;
            }
            int second = 0;
            if (pos[0] < n) {
                if (v.charAt(pos[0]++) != ':') {
                    return null;
                }
                start = pos[0];
                second = number(v, pos, 2);
                if (second < 0 || pos[0] - start != 2) {
                    return null;
                }
            }
            if (pos[0] != n || month < 1 || month > 12 || dayOfMonth < 1 || hour > 23 || minute > 59 || second > 59) {
                return null;
            }
            if (dayOfMonth > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                return null;
            }
            return LocalDateTime.of(year, month, dayOfMonth, hour, minute, second);
        }

        /** 1 to {@code max} ASCII digits at pos[0]; -1 if none. */
        private static int number(String v, int[] pos, int max) {
            int value = 0;
            int digits = 0;
            while (pos[0] < v.length() && digits < max) {
                char ch = v.charAt(pos[0]);
                if (ch < '0' || ch > '9') {
                    break;
                }
                value = value * 10 + (ch - '0');
                digits++;
                pos[0]++;
            }
            return digits == 0 ? -1 : value;
        }

        static LocalDateTime slow(String value, LocalDate day) {
            String v = Lookup.halfWidth(value);
            int space = v.indexOf(' ');
            if (space < 0) {
                space = v.indexOf('T');
            }
            try {
                if (space < 0) {
                    return day == null || v.indexOf(':') < 0 ? null : LocalDateTime.of(day, LocalTime.parse(v, TIME));
                }
                LocalDate date = date(v.substring(0, space));
                if (date == null) {
                    return null;
                }
                return LocalDateTime.of(date, LocalTime.parse(v.substring(space + 1).strip(), TIME));
            } catch (DateTimeException e) {
                return null;
            }
        }
    }

    /** Department and counter names or ids of one office; full-width digits and flags of legacy systems. */
    static final class Lookup {
        private final Map<String, String> departments = new LinkedHashMap<>();
        private final Map<String, String> counters = new LinkedHashMap<>();
        private final String office;

        Lookup(Floor floor) {
            office = floor.office().id();
            for (Floor.Department d : floor.departments()) {
                departments.put(d.id(), d.id());
                departments.putIfAbsent(d.nameJa(), d.id());
                departments.putIfAbsent(d.nameEn(), d.id());
            }
            for (Floor.Counter c : floor.counters()) {
                counters.put(c.id(), c.id());
                counters.putIfAbsent(c.labelJa(), c.id());
                counters.putIfAbsent(halfWidth(c.labelJa()), c.id());
            }
        }

        String department(String value) {
            return departments.get(value);
        }

        String counter(String value) {
            String id = counters.get(value);
            return id != null ? id : counters.get(halfWidth(value));
        }

        private static final Set<String> YES = Set.of("1", "true", "yes", "y", "○", "〇", "◯", "有", "あり", "はい", "不在");
        private static final Set<String> NO = Set.of("", "0", "false", "no", "n", "-", "－", "無", "なし", "いいえ", "×");

        static Boolean flag(String value) {
            String v = halfWidth(value).toLowerCase(Locale.ROOT);
            return YES.contains(v) ? Boolean.TRUE : NO.contains(v) ? Boolean.FALSE : null;
        }

        /** Full-width digits, colon, slash, hyphen and space as legacy exports sometimes write them. */
        static String halfWidth(String value) {
            StringBuilder out = null;
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                char mapped = ch >= '０' && ch <= '９' ? (char) (ch - '０' + '0')
                        : ch == '：' ? ':' : ch == '／' ? '/' : ch == '－' ? '-' : ch == '\u3000' ? ' ' : ch;
                if (mapped != ch && out == null) {
                    out = new StringBuilder(value.length()).append(value, 0, i);
                }
                if (out != null) {
                    out.append(mapped);
                }
            }
            return out == null ? value : out.toString();
        }

        /** COPY text escaping of a value. */
        static void copyText(StringBuilder out, String value) {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
    }
}

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
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;

/**
 * Import of legacy reception logs (one CSV line per department visit) into {@code statistics.visit_fact} with
 * {@code source = 'import'}.
 *
 * <p>The usual file (every line good, none imported before) goes in one pass: lines stream with binary COPY straight
 * into the facts table while the next ones are parsed. Any other file is read again the careful way: good lines into
 * a temporary table, duplicates inside the file found in SQL (memory stays flat for files of millions of lines),
 * and keys imported before skipped. Everything happens in one transaction; if any line is refused, or on a dry run,
 * it is rolled back: nothing is ever half-imported.
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

    Result run(InputStreamSource file, ExportEncoding encoding, Mapping mapping, String officeId, boolean dryRun) {
        long started = System.nanoTime();
        Floor floor = floors.find(officeId == null ? "" : officeId.strip()).orElseThrow(() ->
                ProblemException.invalid("unknown-office", "庁舎「" + officeId + "」は登録されていません。"));
        Input input = new Input(file, encoding, mapping.orDefaults(), floor, new Lookup(floor));
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement s = connection.createStatement()) {
                    // One import at a time (nothing else writes source 'import'): each then sees every earlier import
                    // committed, so the key checks are complete. Room for the statement's transition table and for
                    // the rollup trigger's aggregation on the staged way.
                    s.execute("SELECT pg_advisory_xact_lock(20231, 15)");
                    s.execute("SET LOCAL work_mem = '64MB'");
                }
                if (!dryRun) {
                    Savepoint before = connection.setSavepoint();
                    Result direct = direct(connection, input, started);
                    if (direct != null) {
                        connection.commit();
                        return direct;
                    }
                    connection.rollback(before);
                    try (Statement s = connection.createStatement()) {
                        s.execute(ImportRollups.RESTORE_TRIGGER);
                    }
                }
                Result result = staged(connection, input, dryRun, started);
                if (result.imported() > 0) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
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

    /** The file and how to read it. The file can be opened more than once: an upload is kept until the request ends. */
    private record Input(InputStreamSource file, ExportEncoding encoding, Mapping mapping, Floor floor, Lookup lookup) {
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The usual case in one pass: every line valid and new. Lines stream with binary COPY straight into the facts
     * table while the next ones are parsed, so reading the file and inserting overlap on two cores; the rollups are
     * added up on the way ({@link ImportRollups}) instead of by the trigger afterwards. Answers null, and the caller
     * rolls this attempt back, at the first refused line or when a key is already present (imported before, or twice
     * in this file: the primary key says so); the staged way then decides and reports.
     */
    private Result direct(Connection connection, Input input, long started) throws SQLException {
        ImportRollups rollups = new ImportRollups(ImportRollups.zone(connection));
        try (Statement s = connection.createStatement()) {
            s.execute(ImportRollups.SKIP_TRIGGER);
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY statistics.visit_fact (" + FACT_COLUMNS + ") FROM STDIN (FORMAT binary)");
        try {
            CopyBinaryWriter out = new CopyBinaryWriter(copy, FLUSH_BYTES);
            FactRows facts = new FactRows(out, input.floor().office().id(), false);
            Reports reports = new Reports();
            long read = parse(input, reports, row -> {
                facts.write(row);
                rollups.add(row.department, row.counter, row.serviceDate, row.issued, row.called, row.completed,
                        row.absent, row.completed != CopyBinaryWriter.NULL_TIME);
            }, true);
            if (reports.total > 0) {
                return null;
            }
            long parsed = millis(started);
            long imported = out.finish();
            long copied = millis(started);
            try (Statement s = connection.createStatement()) {
                s.execute(ImportRollups.RESTORE_TRIGGER);
            }
            rollups.write(connection, input.floor().office().id());
            PHASES.info("Legacy import: {} rows in one pass in {} ms (file read at {} ms, inserted at {} ms, then rollups)",
                    imported, millis(started), parsed, copied);
            return new Result(false, true, read, read, imported, 0, 0, List.of(), millis(started));
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return null;
            }
            throw e;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Every line checked and reported: good lines go with COPY into a temporary table, duplicates inside the file
     * are found in SQL (memory stays flat for files of millions of lines), and when nothing was refused and this is
     * no dry run the new rows move into the facts table, skipping keys imported before. The caller commits only
     * when something was imported.
     */
    private Result staged(Connection connection, Input input, boolean dryRun, long started) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE legacy_import_rows (line bigint, source text, source_id text, office_id text,
                        department_id text, counter_id text, service_date date, ticket_number int, seq int,
                        issued_at timestamptz, arrived_at timestamptz, first_called_at timestamptz,
                        completed_at timestamptz, ended_at timestamptz, recall_count int, ever_absent boolean,
                        outcome text) ON COMMIT DROP""");
        }
        Reports reports = new Reports();
        long read;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY legacy_import_rows FROM STDIN (FORMAT binary)");
        try {
            CopyBinaryWriter out = new CopyBinaryWriter(copy, FLUSH_BYTES);
            FactRows facts = new FactRows(out, input.floor().office().id(), true);
            read = parse(input, reports, facts::write, false);
            out.finish();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        duplicates(connection, reports);
        long valid = read - reports.total;
        if (reports.total > 0 || dryRun) {
            return new Result(dryRun, reports.total == 0, read, valid, 0, 0, reports.total, reports.sorted(),
                    millis(started));
        }
        long imported;
        try (Statement s = connection.createStatement()) {
            // An anti-join rather than ON CONFLICT, whose speculative insertion cost about 1 s per 200,000 rows.
            imported = s.executeUpdate("""
                    INSERT INTO statistics.visit_fact (%1$s)
                    SELECT %1$s FROM legacy_import_rows r
                    WHERE NOT EXISTS (SELECT 1 FROM statistics.visit_fact f
                                      WHERE f.source = 'import' AND f.source_id = r.source_id)"""
                    .formatted(FACT_COLUMNS));
        }
        PHASES.info("Legacy import: {} of {} rows new, in {} ms", imported, valid, millis(started));
        return new Result(false, true, read, valid, imported, valid - imported, 0, List.of(), millis(started));
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

    /** The columns of visit_fact an import writes, in the order {@link FactRows} writes them. */
    private static final String FACT_COLUMNS = "source, source_id, office_id, department_id, counter_id, service_date, "
            + "ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at, ended_at, recall_count, "
            + "ever_absent, outcome";

    /**
     * Checked lines as visit_fact rows in binary COPY ({@link #FACT_COLUMNS}, after the line number for the
     * temporary table): an imported visit is a first step that arrived when issued, never recalled.
     */
    private static final class FactRows {
        private final CopyBinaryWriter out;
        private final byte[] source = "import".getBytes(StandardCharsets.UTF_8);
        private final byte[] office;
        private final boolean withLine;
        // Department, counter and outcome take few values: each is encoded once.
        private final Map<String, byte[]> encoded = new HashMap<>();

        FactRows(CopyBinaryWriter out, String officeId, boolean withLine) {
            this.out = out;
            this.office = officeId.getBytes(StandardCharsets.UTF_8);
            this.withLine = withLine;
        }

        void write(Row row) throws SQLException {
            out.row(withLine ? 17 : 16);
            if (withLine) {
                out.int8(row.line);
            }
            out.text(source);
            out.text(row.sourceId);
            out.text(office);
            out.text(encode(row.department));
            if (row.counter == null) {
                out.nul();
            } else {
                out.text(encode(row.counter));
            }
            out.date(row.serviceDate);
            out.int4(row.number);
            out.int4(1);
            out.timestamp(row.issued);
            out.timestamp(row.issued);
            out.timestamp(row.called);
            out.timestamp(row.completed);
            out.timestamp(row.ended);
            out.int4(0);
            out.bool(row.absent);
            out.text(encode(row.outcome));
        }

        private byte[] encode(String value) {
            return encoded.computeIfAbsent(value, v -> v.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A checked line; one instance is refilled for every line. Times are seconds since 1970, or NULL_TIME. */
    private static final class Row {
        long line;
        String sourceId;
        String department;
        String counter;
        LocalDate serviceDate;
        int number;
        long issued;
        long called;
        long completed;
        long ended;
        boolean absent;
        String outcome;
    }

    @FunctionalInterface
    private interface RowSink {
        void accept(Row row) throws SQLException;
    }

    /**
     * Reads the file (with {@code stopAtFirstRefusal} only up to its first refused line), handing each good line to
     * {@code sink} and each refused one to {@code reports}; answers the number of lines read.
     */
    private static long parse(Input input, Reports reports, RowSink sink, boolean stopAtFirstRefusal)
            throws SQLException {
        ZoneId zone = ZoneId.of(input.floor().office().timeZone());
        ExportEncoding encoding = input.encoding();
        long read = 0;
        long lastLine = 1;
        Row row = new Row();
        try (InputStream in = input.file().getInputStream()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, encoding.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
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
                    columns = Columns.of(record.getFields(), input.mapping());
                    continue;
                }
                read++;
                String reason = row(record, columns, zone, input.lookup(), row);
                if (reason != null) {
                    reports.add(record.getStartingLineNumber(), reason);
                    if (stopAtFirstRefusal) {
                        return read;
                    }
                } else {
                    sink.accept(row);
                }
            }
            if (columns == null) {
                throw ProblemException.invalid("empty-file", "ファイルが空です。1 行目に見出し（列名）の行が必要です。");
            }
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

    /** Checks one line; fills {@code out} and answers null, or answers the Japanese reason it is refused. */
    private static String row(CsvRecord r, Columns c, ZoneId zone, Lookup lookup, Row out) {
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
        long issuedAt = epochSecond(issued, zone);
        out.line = r.getStartingLineNumber();
        // The key: this visit's identity in any file (see the class comment). Issue time in UTC, so the key does not
        // depend on the zone the file was written in.
        out.sourceId = lookup.office + "|" + department + "|" + LocalDateTime.ofEpochSecond(issuedAt, 0, ZoneOffset.UTC)
                + "|" + number;
        out.department = department;
        out.counter = counter;
        out.serviceDate = serviceDate;
        out.number = number;
        out.issued = issuedAt;
        out.called = called == null ? CopyBinaryWriter.NULL_TIME : epochSecond(called, zone);
        out.completed = completed == null ? CopyBinaryWriter.NULL_TIME : epochSecond(completed, zone);
        out.ended = epochSecond(ended, zone);
        out.absent = absent;
        out.outcome = outcome;
        return null;
    }

    private static long epochSecond(LocalDateTime time, ZoneId zone) {
        return time.toEpochSecond(zone.getRules().getOffset(time));
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
    }
}

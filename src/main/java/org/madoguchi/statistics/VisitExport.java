package org.madoguchi.statistics;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.FloorDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Visits ({@code statistics.visit_fact}, all sources) as CSV for Excel, streamed: raw columns come from a binary
 * COPY and {@link VisitCsvRows} writes them to the response as they arrive, so memory stays flat whatever the period.
 *
 * <p>The pre-flight check for windows-31j and the export run in one read-only REPEATABLE READ transaction, so
 * both see the same snapshot: a row that would not encode cannot appear between the check and the export. Only
 * {@code statistics} is read, so the live reception tables are never held.
 */
@Service
class VisitExport {

    /** Longest period one export may cover: three years stay below Excel's 1,048,576 rows at Itabashi's scale. */
    static final int MAX_YEARS = 3;
    /** How many offending rows a refusal names. */
    static final int MAX_REPORTED_ROWS = 10;
    private static final int FETCH_SIZE = 2_000;

    static final String[] HEADER = {"受付番号", "課", "窓口", "業務日", "手順", "発券時刻", "到着時刻", "呼出時刻",
            "完了時刻", "待ち時間（秒）", "処理時間（秒）", "再呼出回数", "不在", "結果", "手続"};

    private static final Map<String, String> OUTCOMES = Map.of("COMPLETED", "完了", "DROPPED", "不在のため終了",
            "CANCELLED", "取消", "UNSERVED", "未対応（閉庁）");

    // The export's order; the (service_date, department_id) index lets PostgreSQL sort day by day (incremental
    // sort) instead of sorting the whole period before the first row.
    private static final String ORDER = "service_date, department_id, issued_at, seq, source, source_id";

    /** What to export: a period of service dates (both ends included) and optional filters. */
    record Request(LocalDate from, LocalDate to, String officeId, String departmentId, String counterId,
                   ExportEncoding encoding) {
    }

    private final NamedParameterJdbcTemplate cursor;
    private final DataSource dataSource;
    private final tools.jackson.databind.json.JsonMapper json;
    private final TransactionTemplate snapshot;
    private final FloorDirectory floors;
    private final StatisticsProperties properties;

    VisitExport(DataSource dataSource, PlatformTransactionManager transactions, FloorDirectory floors,
                StatisticsProperties properties, tools.jackson.databind.json.JsonMapper json) {
        this.dataSource = dataSource;
        this.json = json;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // With autocommit off (inside the transaction) the PostgreSQL driver then reads through a cursor.
        template.setFetchSize(FETCH_SIZE);
        this.cursor = new NamedParameterJdbcTemplate(template);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.floors = floors;
        this.properties = properties;
    }

    /** Refuses bad requests with a Japanese explanation before anything is written. */
    Request validate(LocalDate from, LocalDate to, String office, String department, String counter,
                     ExportEncoding encoding) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("period-reversed", "出力期間の終了日が開始日より前になっています。");
        }
        if (!to.isBefore(from.plusYears(MAX_YEARS))) {
            throw ProblemException.invalid("period-too-long", "一度に出力できる期間は最長 " + MAX_YEARS
                    + " 年です。期間を分けて出力してください。");
        }
        FloorNames names = FloorNames.of(floors);
        if (office != null && !floors.officeExists(office)) {
            throw ProblemException.invalid("unknown-office", "庁舎「" + office + "」は登録されていません。");
        }
        if (department != null && !names.departments.containsKey(department)) {
            throw ProblemException.invalid("unknown-department", "課「" + department + "」は登録されていません。");
        }
        if (counter != null && !names.counters.containsKey(counter)) {
            throw ProblemException.invalid("unknown-counter", "窓口「" + counter + "」は登録されていません。");
        }
        return new Request(from, to, office, department, counter, encoding);
    }

    /**
     * Checks, then streams. {@code start} is called once the export is certain to proceed (to set the response
     * headers); a refusal is thrown before it, so nothing has been written yet. Returns the number of rows.
     */
    long export(Request request, Runnable start, Supplier<OutputStream> out) {
        return export(request, start, out, Path.BINARY);
    }

    /**
     * How the rows are produced: {@code BINARY} (the export's path) reads raw columns and formats in Java;
     * {@code TEXT} lets PostgreSQL format CSV text. Both give the same bytes; the text path is kept as the reference
     * the binary one is checked against (VisitCsvRowsTest).
     */
    enum Path { BINARY, TEXT }

    long export(Request request, Runnable start, Supplier<OutputStream> out, Path path) {
        FloorNames names = FloorNames.of(floors);
        return snapshot.execute(status -> {
            if (request.encoding() == ExportEncoding.WINDOWS_31J) {
                preflight(request, names);
            }
            start.run();
            return path == Path.BINARY ? streamBinary(request, names, out.get()) : stream(request, names, out.get());
        });
    }

    /**
     * Raw columns with COPY … (FORMAT binary) on the transaction's connection (same snapshot as the pre-flight
     * check), formatted by {@link VisitCsvRows} straight into the response. PostgreSQL only reads and orders.
     */
    private long streamBinary(Request request, FloorNames names, OutputStream out) {
        ExportEncoding encoding = request.encoding();
        java.util.function.Function<String, byte[]> encode = encoding == ExportEncoding.UTF_8 ? VisitCsvRows::utf8
                : VisitCsvRows.windows31j(encoding.strictEncoder());
        org.postgresql.copy.CopyOut copy = null;
        try {
            if (encoding == ExportEncoding.UTF_8) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            java.io.StringWriter header = new java.io.StringWriter();
            CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(header).writeRecord(HEADER).flush();
            out.write(encode.apply(header.toString()));
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (Statement statement = connection.createStatement()) {
                // The export's order is the (service_date, department_id) index's order plus a few keys: read the
                // index and sort each day's department (incremental sort), so rows flow at once and one core is
                // left to the formatting. Without this, stale or missing statistics after a bulk load gave a
                // bitmap scan and an on-disk sort of the whole period (1.5 s before the first row of two years),
                // and fresh ones a parallel sort using every core.
                statement.execute("SET LOCAL enable_seqscan = off");
                statement.execute("SET LOCAL enable_bitmapscan = off");
                statement.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
            Map<String, String> outcomes = OUTCOMES;
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT /* visit-export */ " + VisitCsvRows.SELECT + " FROM statistics.visit_fact WHERE "
                            + where(request) + " ORDER BY " + ORDER + ") TO STDOUT WITH (FORMAT binary)");
            org.postgresql.copy.CopyOut reading = copy;
            long rows = new VisitCsvRows(() -> {
                try {
                    return reading.readFromCopy();
                } catch (SQLException e) {
                    throw new IOException(e);
                }
            }, out, encode, names.departments, names.counters,
                    names.procedures, outcomes, properties.zone()).copy();
            copy = null;
            out.flush();
            return rows;
        } catch (IOException e) {
            // A client that went away, or (should the snapshot guarantee ever fail) a character windows-31j cannot
            // hold: the transfer is aborted rather than completed with a '?' in it.
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("visit export failed", e);
        } finally {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // The transaction is rolled back anyway.
                }
            }
        }
    }

    /**
     * PostgreSQL formats the rows itself (COPY … TO STDOUT in CSV, on the transaction's connection, so in the same
     * snapshot as the pre-flight check); Java only adds the BOM and header, turns the line ends into CRLF and, for
     * windows-31j, transcodes. No row passes through JDBC's result-set machinery, which was the bottleneck.
     */
    private long stream(Request request, FloorNames names, OutputStream out) {
        ExportEncoding encoding = request.encoding();
        try {
            OutputStream body;
            Writer header;
            CsvOutput.Transcoder transcoder = null;
            if (encoding == ExportEncoding.UTF_8) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                body = new CsvOutput.Crlf(out, SLASHED);
            } else {
                transcoder = new CsvOutput.Transcoder(new OutputStreamWriter(out, encoding.strictEncoder()));
                body = new CsvOutput.Crlf(transcoder, SLASHED);
            }
            header = new OutputStreamWriter(body, java.nio.charset.StandardCharsets.UTF_8);
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(header);
            csv.writeRecord(HEADER);
            csv.flush();
            header.flush();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (Statement statement = connection.createStatement()) {
                // The text form of timestamps below relies on ISO output.
                statement.execute("SET LOCAL datestyle = 'ISO, YMD'");
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long rows = copy.copyOut(copySql(request, names), body);
            body.flush();
            if (transcoder != null) {
                transcoder.finish();
            }
            out.flush();
            return rows;
        } catch (IOException e) {
            // A client that went away, or (should the snapshot guarantee ever fail) a character windows-31j cannot
            // hold: the transfer is aborted rather than completed with a '?' in it.
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("visit export failed", e);
        }
    }

    /** The export's query with every value as a literal (COPY takes no parameters); names as one jsonb constant. */
    private String copySql(Request request, FloorNames floorNames) {
        Map<String, Map<String, String>> lookup = new LinkedHashMap<>();
        lookup.put("d", floorNames.departments);
        lookup.put("c", floorNames.counters);
        lookup.put("p", floorNames.procedures);
        String names = this.json.writeValueAsString(lookup);
        String zone = literal(properties.zone().getId());
        String where = where(request);
        String outcomes = "CASE outcome WHEN 'COMPLETED' THEN '完了' WHEN 'DROPPED' THEN '不在のため終了' WHEN 'CANCELLED' "
                + "THEN '取消' WHEN 'UNSERVED' THEN '未対応（閉庁）' ELSE outcome END";
        return """
                COPY (SELECT /* visit-export */ ticket_number, coalesce(n.j->'d'->>department_id, department_id),
                       coalesce(n.j->'c'->>counter_id, counter_id), service_date, seq,
                       %s, %s, %s, %s, round(wait_seconds)::bigint, round(service_seconds)::bigint, recall_count,
                       CASE WHEN ever_absent THEN 'あり' END, %s,
                       CASE WHEN cardinality(procedure_ids) > 0 THEN array_to_string(ARRAY(
                           SELECT coalesce(n.j->'p'->>p, p) FROM unnest(procedure_ids) p), '、') END
                FROM statistics.visit_fact, (SELECT CAST(%s AS jsonb) AS j) n
                WHERE %s ORDER BY %s) TO STDOUT WITH (FORMAT csv)""".formatted(
                copyTime("issued_at", zone), copyTime("arrived_at", zone), copyTime("first_called_at", zone),
                copyTime("completed_at", zone), outcomes, literal(names), where, ORDER);
    }

    /** The period and filters as SQL with literals (COPY takes no parameters). */
    private static String where(Request request) {
        StringBuilder where = new StringBuilder("service_date BETWEEN DATE " + literal(request.from().toString())
                + " AND DATE " + literal(request.to().toString()));
        if (request.officeId() != null) {
            where.append(" AND office_id = ").append(literal(request.officeId()));
        }
        if (request.departmentId() != null) {
            where.append(" AND department_id = ").append(literal(request.departmentId()));
        }
        if (request.counterId() != null) {
            where.append(" AND counter_id = ").append(literal(request.counterId()));
        }
        return where.toString();
    }

    /**
     * Local time truncated to the second (like to_char), in PostgreSQL's ISO output "2024-04-01 09:00:00";
     * {@link CsvOutput.Crlf} writes the dashes as slashes. Formatting with to_char took most of the export's time.
     */
    private static String copyTime(String column, String zone) {
        return "date_trunc('second', " + column + " AT TIME ZONE " + zone + ")";
    }

    /** 業務日 and the four times: written by PostgreSQL with '-', shown with '/'. */
    private static final boolean[] SLASHED = {false, false, false, true, false, true, true, true, true};

    /** An SQL string literal (standard_conforming_strings is on: only quotes need doubling). */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Finds the characters that windows-31j cannot hold even after mapping, and the lines where they are, and
     * refuses the export with both. Only names and procedure ids are free text; times, numbers and outcomes are not.
     */
    private void preflight(Request request, FloorNames names) {
        CharsetEncoder encoder = request.encoding().strictEncoder();
        Filter filter = filter(request);
        Set<String> badDepartments = new LinkedHashSet<>();
        Set<String> badCounters = new LinkedHashSet<>();
        Set<String> badProcedures = new LinkedHashSet<>();
        Set<Integer> characters = new TreeSet<>();
        cursor.query("SELECT DISTINCT department_id, counter_id, procedure_ids FROM statistics.visit_fact WHERE "
                + filter.where, filter.params, (ResultSet rs) -> {
            String department = rs.getString(1);
            if (unencodable(encoder, names.department(department), characters)) {
                badDepartments.add(department);
            }
            String counter = rs.getString(2);
            if (counter != null && unencodable(encoder, names.counter(counter), characters)) {
                badCounters.add(counter);
            }
            for (String procedure : procedureIds(rs.getArray(3))) {
                if (unencodable(encoder, names.procedure(procedure), characters)) {
                    badProcedures.add(procedure);
                }
            }
        });
        if (characters.isEmpty()) {
            return;
        }
        List<String> conditions = new ArrayList<>();
        if (!badDepartments.isEmpty()) {
            conditions.add("department_id IN (:badDepartments)");
            filter.params.addValue("badDepartments", badDepartments);
        }
        if (!badCounters.isEmpty()) {
            conditions.add("counter_id IN (:badCounters)");
            filter.params.addValue("badCounters", badCounters);
        }
        if (!badProcedures.isEmpty()) {
            conditions.add("procedure_ids && ARRAY[:badProcedures]::text[]");
            filter.params.addValue("badProcedures", badProcedures);
        }
        List<Long> lines = new ArrayList<>();
        long[] total = {0};
        cursor.query("""
                SELECT n, count(*) OVER () FROM (
                    SELECT row_number() OVER (ORDER BY %s) AS n, department_id, counter_id, procedure_ids
                    FROM statistics.visit_fact WHERE %s) t
                WHERE %s ORDER BY n LIMIT %d""".formatted(ORDER, filter.where, String.join(" OR ", conditions),
                MAX_REPORTED_ROWS), filter.params, (ResultSet rs) -> {
            lines.add(rs.getLong(1) + 1); // line 1 is the header
            total[0] = rs.getLong(2);
        });
        StringJoiner chars = new StringJoiner("、");
        characters.forEach(cp -> chars.add(new String(Character.toChars(cp)) + "（U+" + Integer.toHexString(cp)
                .toUpperCase() + "）"));
        StringJoiner where = new StringJoiner("、");
        lines.forEach(l -> where.add(Long.toString(l)));
        throw ProblemException.invalid("unencodable-characters", "Windows-31J（Shift_JIS）では表せない文字 "
                + chars + " が含まれているため、出力できません。該当する行：" + where + " 行目"
                + (total[0] > lines.size() ? "ほか（全 " + total[0] + " 行）" : "（全 " + total[0] + " 行）")
                + "。UTF-8 で出力すると、すべての文字をそのまま出力できます。");
    }

    private static boolean unencodable(CharsetEncoder encoder, String text, Set<Integer> found) {
        String prepared = ExportEncoding.toWindows31j(text);
        if (encoder.canEncode(prepared)) {
            return false;
        }
        prepared.codePoints().filter(cp -> !encoder.canEncode(new String(Character.toChars(cp)))).forEach(found::add);
        return true;
    }

    private record Filter(String where, MapSqlParameterSource params) {
    }

    private static Filter filter(Request request) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("from", request.from())
                .addValue("to", request.to());
        StringBuilder where = new StringBuilder("service_date BETWEEN :from AND :to");
        if (request.officeId() != null) {
            where.append(" AND office_id = :office");
            params.addValue("office", request.officeId());
        }
        if (request.departmentId() != null) {
            where.append(" AND department_id = :department");
            params.addValue("department", request.departmentId());
        }
        if (request.counterId() != null) {
            where.append(" AND counter_id = :counter");
            params.addValue("counter", request.counterId());
        }
        return new Filter(where.toString(), params);
    }

    /** Local time in the form Excel recognises as a date and time. */
    private static String local(String column) {
        return "to_char(" + column + " AT TIME ZONE :zone, 'YYYY/MM/DD HH24:MI:SS')";
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    private static String[] procedureIds(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}

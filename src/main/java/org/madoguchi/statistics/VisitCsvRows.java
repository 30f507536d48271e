package org.madoguchi.statistics;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the visit export's raw columns, read with {@code COPY … TO STDOUT (FORMAT binary)}, into the export's CSV
 * bytes. PostgreSQL producing the CSV text itself (name lookups in jsonb, timestamp output, quoting) took one core
 * for the whole export; here it only reads and sorts, and Java writes each row into one reusable buffer with
 * hand-written number and time writers. Names, outcomes and procedure lists are formatted once per distinct value.
 *
 * <p>The output is byte for byte what PostgreSQL's {@code FORMAT csv} gave through {@link CsvOutput.Crlf}: CRLF
 * after each record, NULL as an empty field, an empty string as {@code ""}, a value with a comma, quote, CR or LF
 * quoted with quotes doubled, times as {@code yyyy/MM/dd HH:mm:ss} truncated to the second.
 *
 * <p>Columns of {@link #SELECT}, in this order: ticket_number int4, department_id text, counter_id text,
 * service_date date, seq int4, issued_at, arrived_at, first_called_at, completed_at timestamptz, rounded wait and
 * service int8, recall_count int4, ever_absent bool, outcome text, procedure_ids text[].
 */
final class VisitCsvRows {

    /** The select list the reader expects (no computation in SQL but the two roundings, as the text export did). */
    static final String SELECT = "ticket_number, department_id, counter_id, service_date, seq, issued_at, arrived_at, "
            + "first_called_at, completed_at, round(wait_seconds)::bigint, round(service_seconds)::bigint, "
            + "recall_count, ever_absent, outcome, procedure_ids";
    private static final int COLUMNS = 15;

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL counts dates from 2000-01-01 and timestamps in microseconds from its midnight UTC. */
    private static final int PG_EPOCH_DAY = 10_957;
    private static final long PG_EPOCH_SECOND = 946_684_800L;
    /** A distinct-value cache grows no further (ids written raw could, in principle, all differ). */
    private static final int CACHE_LIMIT = 10_000;

    /** Where the binary COPY data comes from: one chunk per call, null at the end. */
    interface Source {
        byte[] next() throws IOException;
    }

    private final Source source;
    private final OutputStream out;
    private final Function<String, byte[]> encode;
    private final Map<String, String> departments;
    private final Map<String, String> counters;
    private final Map<String, String> procedures;
    private final Map<String, String> outcomes;
    private final ZoneOffsets offsets;

    private final Map<ByteBuffer, byte[]> departmentFields = new HashMap<>();
    private final Map<ByteBuffer, byte[]> counterFields = new HashMap<>();
    private final Map<ByteBuffer, byte[]> outcomeFields = new HashMap<>();
    private final Map<ByteBuffer, byte[]> procedureFields = new HashMap<>();

    private byte[] in = new byte[0];
    private int pos;
    private int limit;

    private final byte[] buffer = new byte[256 * 1024];
    private int used;

    // The last day written, as "yyyy/MM/dd".
    private long lastDay = Long.MIN_VALUE;
    private final byte[] lastDayText = new byte[10];
    private int lastDayLength;

    /**
     * @param encode text → bytes in the export's encoding (for windows-31j: mapped and strictly encoded, failing
     *               with an {@link java.io.UncheckedIOException} on a character it cannot hold)
     */
    VisitCsvRows(Source source, OutputStream out, Function<String, byte[]> encode, Map<String, String> departments,
                 Map<String, String> counters, Map<String, String> procedures, Map<String, String> outcomes,
                 ZoneId zone) {
        this.source = source;
        this.out = out;
        this.encode = encode;
        this.departments = departments;
        this.counters = counters;
        this.procedures = procedures;
        this.outcomes = outcomes;
        this.offsets = new ZoneOffsets(zone);
    }

    /** Text → UTF-8. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Text → windows-31j after mapping the JIS traps; a character it still cannot hold aborts the transfer. */
    static Function<String, byte[]> windows31j(CharsetEncoder strict) {
        return text -> {
            try {
                ByteBuffer bytes = strict.encode(CharBuffer.wrap(ExportEncoding.toWindows31j(text)));
                byte[] result = new byte[bytes.remaining()];
                bytes.get(result);
                return result;
            } catch (CharacterCodingException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** Reads every row and writes it; answers the number of rows. Flushes its buffer, not {@code out}. */
    long copy() throws IOException {
        need(SIGNATURE.length + 8);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (in[pos + i] != SIGNATURE[i]) {
                throw new IOException("not a binary COPY stream");
            }
        }
        pos += SIGNATURE.length + 4; // flags: no OIDs in PostgreSQL 12 and later
        int extension = readInt();
        need(extension);
        pos += extension;
        long rows = 0;
        while (true) {
            need(2);
            short fields = (short) (((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF));
            pos += 2;
            if (fields == -1) {
                // The protocol's end (and the command's completion) only arrives after the trailer: read it, or the
                // connection stays in COPY mode.
                while (source.next() != null) {
                    // nothing follows the trailer
                }
                break;
            }
            if (fields != COLUMNS) {
                throw new IOException("expected " + COLUMNS + " columns, got " + fields);
            }
            row();
            rows++;
        }
        flushBuffer();
        return rows;
    }

    private void row() throws IOException {
        if (used > buffer.length - 4096) {
            flushBuffer();
        }
        intField();                                              // 受付番号
        comma();
        cachedText(departmentFields, departments, false);        // 課
        comma();
        cachedText(counterFields, counters, false);              // 窓口
        comma();
        dateField();                                             // 業務日
        comma();
        intField();                                              // 手順
        comma();
        timestampField();                                        // 発券時刻
        comma();
        timestampField();                                        // 到着時刻
        comma();
        timestampField();                                        // 呼出時刻
        comma();
        timestampField();                                        // 完了時刻
        comma();
        longField();                                             // 待ち時間（秒）
        comma();
        longField();                                             // 処理時間（秒）
        comma();
        intField();                                              // 再呼出回数
        comma();
        absentField();                                           // 不在
        comma();
        cachedText(outcomeFields, outcomes, false);              // 結果
        comma();
        cachedText(procedureFields, null, true);                 // 手続
        buffer[used++] = '\r';
        buffer[used++] = '\n';
    }

    private void comma() {
        buffer[used++] = ',';
    }

    /** Length of the next field, -1 for NULL; the field's bytes are then available at {@code pos}. */
    private int fieldLength() throws IOException {
        int length = readInt();
        if (length > 0) {
            need(length);
        }
        return length;
    }

    private void intField() throws IOException {
        int length = fieldLength();
        if (length < 0) {
            return;
        }
        writeLong(readInt());
    }

    private void longField() throws IOException {
        int length = fieldLength();
        if (length < 0) {
            return;
        }
        writeLong(readLong());
    }

    private void absentField() throws IOException {
        int length = fieldLength();
        if (length < 0) {
            return;
        }
        boolean absent = in[pos] != 0;
        pos += length;
        if (absent) {
            byte[] field = outcomeFields.computeIfAbsent(ABSENT_KEY, k -> csvField(encode.apply("あり")));
            System.arraycopy(field, 0, buffer, used, field.length);
            used += field.length;
        }
    }

    /** A key no outcome can have (outcomes are text; this is not valid UTF-8). */
    private static final ByteBuffer ABSENT_KEY = ByteBuffer.wrap(new byte[] {(byte) 0xFF, 'a'});

    /**
     * A name field (department, counter, outcome: looked up in {@code names}, an unknown value written as it is) or
     * the procedure list (a text[] whose ids are looked up and joined with 、), formatted once per distinct value.
     */
    private void cachedText(Map<ByteBuffer, byte[]> cache, Map<String, String> names, boolean procedureList)
            throws IOException {
        int length = fieldLength();
        if (length < 0) {
            return;
        }
        byte[] field = cache.get(ByteBuffer.wrap(in, pos, length));
        if (field == null) {
            String text = procedureList ? procedureNames(in, pos, length)
                    : nameOf(names, new String(in, pos, length, StandardCharsets.UTF_8));
            field = text == null ? new byte[0] : csvField(encode.apply(text));
            if (cache.size() < CACHE_LIMIT) {
                cache.put(ByteBuffer.wrap(java.util.Arrays.copyOfRange(in, pos, pos + length)), field);
            }
        }
        pos += length;
        if (used + field.length > buffer.length - 512) {
            flushBuffer();
        }
        if (field.length > buffer.length - 512) {
            out.write(field);
        } else {
            System.arraycopy(field, 0, buffer, used, field.length);
            used += field.length;
        }
    }

    private static String nameOf(Map<String, String> names, String id) {
        String name = names.get(id);
        return name == null ? id : name;
    }

    /**
     * The procedure names of a binary text[] joined with 、, or null (an empty field) for an empty array; NULL
     * elements are skipped, as array_to_string did.
     */
    private String procedureNames(byte[] b, int at, int length) throws IOException {
        int end = at + length;
        int dimensions = int32(b, at);
        if (dimensions == 0) {
            return null;
        }
        if (dimensions != 1) {
            throw new IOException("procedure_ids has " + dimensions + " dimensions");
        }
        int count = int32(b, at + 12);
        int p = at + 20; // ndim, has-null flag, element type, then length and lower bound of the one dimension
        StringBuilder joined = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < count; i++) {
            int elementLength = int32(b, p);
            p += 4;
            if (elementLength < 0) {
                continue;
            }
            if (p + elementLength > end) {
                throw new IOException("truncated procedure_ids");
            }
            if (!first) {
                joined.append('、');
            }
            first = false;
            joined.append(nameOf(procedures, new String(b, p, elementLength, StandardCharsets.UTF_8)));
            p += elementLength;
        }
        return joined.toString();
    }

    /** PostgreSQL's CSV rule: quoted when empty or holding a comma, quote, CR or LF; quotes doubled inside. */
    static byte[] csvField(byte[] text) {
        boolean quote = text.length == 0;
        int quotes = 0;
        for (byte c : text) {
            if (c == ',' || c == '\r' || c == '\n') {
                quote = true;
            } else if (c == '"') {
                quote = true;
                quotes++;
            }
        }
        if (!quote) {
            return text;
        }
        byte[] field = new byte[text.length + quotes + 2];
        int i = 0;
        field[i++] = '"';
        for (byte c : text) {
            field[i++] = c;
            if (c == '"') {
                field[i++] = '"';
            }
        }
        field[i] = '"';
        return field;
    }

    private void dateField() throws IOException {
        int length = fieldLength();
        if (length < 0) {
            return;
        }
        int days = readInt();
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            writeAscii(days == Integer.MAX_VALUE ? "infinity" : "-infinity");
            return;
        }
        writeDay(days + (long) PG_EPOCH_DAY);
    }

    private void timestampField() throws IOException {
        int length = fieldLength();
        if (length < 0) {
            return;
        }
        long micros = readLong();
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            writeAscii(micros == Long.MAX_VALUE ? "infinity" : "-infinity");
            return;
        }
        // date_trunc('second', t AT TIME ZONE zone): local time, the fraction dropped (towards the past).
        long utcSecond = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND;
        long local = utcSecond + offsets.at(utcSecond);
        writeDay(Math.floorDiv(local, 86_400L));
        buffer[used++] = ' ';
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        two(secondOfDay / 3600);
        buffer[used++] = ':';
        two(secondOfDay / 60 % 60);
        buffer[used++] = ':';
        two(secondOfDay % 60);
    }

    private void writeDay(long epochDay) {
        if (epochDay != lastDay) {
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            String year = Integer.toString(date.getYear());
            int i = 0;
            for (int pad = year.length(); pad < 4; pad++) {
                lastDayText[i++] = '0';
            }
            byte[] text = (year + "/" + (date.getMonthValue() < 10 ? "0" : "") + date.getMonthValue() + "/"
                    + (date.getDayOfMonth() < 10 ? "0" : "") + date.getDayOfMonth()).getBytes(StandardCharsets.US_ASCII);
            if (i + text.length > lastDayText.length) {
                // Years beyond 9999 do not fit the cache: written directly.
                lastDay = Long.MIN_VALUE;
                writeAscii(new String(lastDayText, 0, i, StandardCharsets.US_ASCII)
                        + new String(text, StandardCharsets.US_ASCII));
                return;
            }
            System.arraycopy(text, 0, lastDayText, i, text.length);
            lastDayLength = i + text.length;
            lastDay = epochDay;
        }
        System.arraycopy(lastDayText, 0, buffer, used, lastDayLength);
        used += lastDayLength;
    }

    private void two(int value) {
        buffer[used++] = (byte) ('0' + value / 10);
        buffer[used++] = (byte) ('0' + value % 10);
    }

    private void writeLong(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                writeAscii(Long.toString(value));
                return;
            }
            buffer[used++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = used + digits - 1; i >= used; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        used += digits;
    }

    private void writeAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            buffer[used++] = (byte) text.charAt(i);
        }
    }

    private void flushBuffer() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    private int readInt() throws IOException {
        need(4);
        int value = int32(in, pos);
        pos += 4;
        return value;
    }

    private long readLong() throws IOException {
        need(8);
        long value = ((long) int32(in, pos) << 32) | (int32(in, pos + 4) & 0xFFFFFFFFL);
        pos += 8;
        return value;
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Makes {@code n} bytes available from {@code pos}, reading further chunks (usually one row each) as needed. */
    private void need(int n) throws IOException {
        while (limit - pos < n) {
            byte[] chunk = source.next();
            if (chunk == null) {
                throw new EOFException("binary COPY stream ended early");
            }
            if (pos == limit) {
                in = chunk;
                pos = 0;
                limit = chunk.length;
            } else {
                byte[] joined = new byte[limit - pos + chunk.length];
                System.arraycopy(in, pos, joined, 0, limit - pos);
                System.arraycopy(chunk, 0, joined, limit - pos, chunk.length);
                in = joined;
                limit = joined.length;
                pos = 0;
            }
        }
    }
}

package org.madoguchi.statistics;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, buffered and handed to a {@link CopyIn}. The server then reads integers,
 * dates and timestamps as they are stored instead of parsing their text, which was a large share of an import's
 * time on the server side.
 */
final class CopyBinaryWriter {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps. */
    private static final long PG_EPOCH_DAY = 10_957;
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;
    /** Marks "no timestamp" for {@link #timestamp(long)}. */
    static final long NULL_TIME = Long.MIN_VALUE;

    private final CopyIn copy;
    private final byte[] buffer;
    private int position;

    CopyBinaryWriter(CopyIn copy, int bufferBytes) {
        this.copy = copy;
        this.buffer = new byte[bufferBytes];
        System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
        position = SIGNATURE.length;
        int32(0); // flags: no OIDs
        int32(0); // no header extension
    }

    /** Starts a row of {@code fields} values. */
    void row(int fields) throws SQLException {
        ensure(2);
        int16(fields);
    }

    void nul() throws SQLException {
        ensure(4);
        int32(-1);
    }

    /** Text as UTF-8 (the JDK's encoder copies an ASCII string's bytes in one go). */
    void text(String value) throws SQLException {
        if (value == null) {
            nul();
        } else {
            text(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Text already encoded as UTF-8 (constants written on every row are encoded once). */
    void text(byte[] utf8) throws SQLException {
        ensure(4 + utf8.length);
        int32(utf8.length);
        System.arraycopy(utf8, 0, buffer, position, utf8.length);
        position += utf8.length;
    }

    void int4(int value) throws SQLException {
        ensure(8);
        int32(4);
        int32(value);
    }

    void int8(long value) throws SQLException {
        ensure(12);
        int32(8);
        int64(value);
    }

    void bool(boolean value) throws SQLException {
        ensure(5);
        int32(1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    void date(LocalDate day) throws SQLException {
        int4((int) (day.toEpochDay() - PG_EPOCH_DAY));
    }

    /** A timestamptz from seconds since 1970 (UTC), or {@link #NULL_TIME}. */
    void timestamp(long epochSecond) throws SQLException {
        if (epochSecond == NULL_TIME) {
            nul();
        } else {
            int8((epochSecond - PG_EPOCH_SECOND) * 1_000_000L);
        }
    }

    /** Writes the trailer and ends the COPY; answers the rows the server took. */
    long finish() throws SQLException {
        ensure(2);
        int16(-1);
        flush();
        return copy.endCopy();
    }

    private void ensure(int bytes) throws SQLException {
        if (position + bytes > buffer.length) {
            flush();
            if (bytes > buffer.length) {
                throw new IllegalArgumentException("A value of " + bytes + " bytes does not fit the COPY buffer");
            }
        }
    }

    private void flush() throws SQLException {
        if (position > 0) {
            copy.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }

    private void int16(int value) {
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void int32(int value) {
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }
}

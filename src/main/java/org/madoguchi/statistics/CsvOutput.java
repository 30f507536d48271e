package org.madoguchi.statistics;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-stream steps between PostgreSQL's COPY output (UTF-8 CSV, LF) and the CSV a user downloads. */
final class CsvOutput {

    private CsvOutput() {
    }

    /**
     * LF → CRLF at record ends; a line break inside a quoted field stays as it is (Excel reads either). Works on
     * UTF-8 bytes: '"' and LF never occur inside a multi-byte sequence.
     */
    static final class Crlf extends FilterOutputStream {
        private final byte[] buffer = new byte[64 * 1024 + 2];
        private final boolean[] slashed;
        private int used;
        private boolean quoted;
        private int field;

        Crlf(OutputStream out) {
            this(out, new boolean[0]);
        }

        /**
         * Also writes '-' as '/' in the given fields (0-based): PostgreSQL's own text form of dates and timestamps
         * (2024-04-01 09:00:00) is several times cheaper to produce than to_char, and Excel's usual form is
         * 2024/04/01 09:00:00. Only for fields that hold nothing but a date or a timestamp.
         */
        Crlf(OutputStream out, boolean[] slashed) {
            super(out);
            this.slashed = slashed;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                byte c = b[i];
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted) {
                    if (c == '\n') {
                        buffer[used++] = '\r';
                        field = 0;
                    } else if (c == ',') {
                        field++;
                    } else if (c == '-' && field < slashed.length && slashed[field]) {
                        c = '/';
                    }
                }
                buffer[used++] = c;
                if (used >= buffer.length - 2) {
                    out.write(buffer, 0, used);
                    used = 0;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (used > 0) {
                out.write(buffer, 0, used);
                used = 0;
            }
            out.flush();
        }
    }

    /**
     * UTF-8 bytes → characters with the JIS traps mapped ({@link ExportEncoding#toWindows31j}) → a writer whose
     * encoder is strict, so an unencodable character fails the transfer instead of becoming '?'.
     */
    static final class Transcoder extends OutputStream {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private final CharBuffer chars = CharBuffer.allocate(64 * 1024);
        private final Writer writer;

        Transcoder(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, in.remaining());
                in.put(b, off, n);
                off += n;
                len -= n;
                drain(false);
            }
        }

        private void drain(boolean end) throws IOException {
            in.flip();
            while (true) {
                CoderResult result = decoder.decode(in, chars, end);
                if (result.isError()) {
                    result.throwException();
                }
                chars.flip();
                writer.write(ExportEncoding.toWindows31j(chars.toString()));
                chars.clear();
                if (result.isUnderflow()) {
                    break;
                }
            }
            in.compact();
        }

        @Override
        public void flush() throws IOException {
            writer.flush();
        }

        /** Decodes what is left (an incomplete sequence at the end is an error) and flushes. */
        void finish() throws IOException {
            drain(true);
            writer.flush();
        }
    }
}

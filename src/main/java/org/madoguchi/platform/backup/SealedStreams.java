package org.madoguchi.platform.backup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.madoguchi.platform.KeyRing;

/**
 * A backup file's encryption: the plaintext is cut into chunks of {@value #CHUNK} bytes, each sealed with
 * AES-256-GCM under its own nonce, so neither writing nor reading needs more than one chunk of memory. Each
 * chunk's associated data is its index and whether it is the last, so chunks cannot be reordered, dropped or
 * cut off at the end without the reader noticing.
 *
 * <p>Layout: {@code MDGBAK01}, key id (1 byte length, ASCII), then per chunk: last flag (1 byte), sealed length
 * (4 bytes), nonce (12 bytes), ciphertext with tag.
 */
final class SealedStreams {

    static final int CHUNK = 64 * 1024;
    private static final byte[] MAGIC = "MDGBAK01".getBytes(StandardCharsets.US_ASCII);

    private SealedStreams() {
    }

    static OutputStream sealing(OutputStream out, KeyRing keys) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        byte[] keyId = keys.activeKeyId().getBytes(StandardCharsets.US_ASCII);
        data.writeByte(keyId.length);
        data.write(keyId);
        return new Sealing(data, keys);
    }

    static InputStream opening(InputStream in, KeyRing keys) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not a madoguchi backup file");
        }
        byte[] keyId = new byte[data.readUnsignedByte()];
        data.readFully(keyId);
        String id = new String(keyId, StandardCharsets.US_ASCII);
        if (!keys.hasKey(id)) {
            throw new IOException("The backup was encrypted with key '" + id + "', which is not in madoguchi.backup.keys");
        }
        return new Opening(data, keys, id);
    }

    private static byte[] associatedData(long index, boolean last) {
        return ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    private static final class Sealing extends FilterOutputStream {
        private final DataOutputStream data;
        private final KeyRing keys;
        private final byte[] buffer = new byte[CHUNK];
        private int filled;
        private long index;
        private boolean closed;

        Sealing(DataOutputStream data, KeyRing keys) {
            super(data);
            this.data = data;
            this.keys = keys;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == CHUNK) {
                    emit(false);
                }
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void emit(boolean last) throws IOException {
            KeyRing.Sealed sealed = keys.sealBytes(buffer, filled, associatedData(index++, last));
            data.writeByte(last ? 1 : 0);
            data.writeInt(sealed.ciphertext().length);
            data.write(sealed.nonce());
            data.write(sealed.ciphertext());
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            data.flush();
        }

        /** Writes the last chunk (possibly empty): without it a reader takes the file as cut off. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                emit(true);
                data.close();
            }
        }
    }

    private static final class Opening extends InputStream {
        private final DataInputStream data;
        private final KeyRing keys;
        private final String keyId;
        private byte[] chunk = new byte[0];
        private int position;
        private long index;
        private boolean last;

        Opening(DataInputStream data, KeyRing keys, String keyId) {
            this.data = data;
            this.keys = keys;
            this.keyId = keyId;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (position == chunk.length) {
                if (last) {
                    return -1;
                }
                next();
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        private void next() throws IOException {
            try {
                boolean lastFlag = data.readUnsignedByte() == 1;
                int length = data.readInt();
                if (length < 16 || length > CHUNK + 16) {
                    throw new IOException("Backup file is damaged (chunk " + index + ")");
                }
                byte[] nonce = new byte[12];
                data.readFully(nonce);
                byte[] ciphertext = new byte[length];
                data.readFully(ciphertext);
                try {
                    chunk = keys.openBytes(new KeyRing.Sealed(keyId, nonce, ciphertext), associatedData(index++, lastFlag));
                } catch (IllegalStateException e) {
                    throw new IOException("Backup file is damaged or was altered (chunk " + (index - 1) + ")", e);
                }
                position = 0;
                last = lastFlag;
            } catch (EOFException e) {
                throw new IOException("Backup file is cut off (no final chunk)", e);
            }
        }

        @Override
        public void close() throws IOException {
            data.close();
        }
    }
}

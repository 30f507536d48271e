package org.madoguchi.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.madoguchi.platform.KeyRing;

class SealedStreamsTest {

    private static final KeyRing KEYS = ring("a");

    private static KeyRing ring(String id) {
        return KeyRing.fromBase64("test", Map.of(id, Base64.getEncoder().encodeToString(KeyRing.randomKey())), id, Set.of(32));
    }

    private static byte[] seal(byte[] plain, KeyRing keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealing = SealedStreams.sealing(out, keys)) {
            // Odd write sizes, so chunk borders fall inside writes.
            for (int i = 0; i < plain.length; i += 1000) {
                sealing.write(plain, i, Math.min(1000, plain.length - i));
            }
        }
        return out.toByteArray();
    }

    private static byte[] open(byte[] sealed, KeyRing keys) throws IOException {
        try (InputStream in = SealedStreams.opening(new ByteArrayInputStream(sealed), keys)) {
            return in.readAllBytes();
        }
    }

    @Test
    void severalChunksRoundTripAndNoPlaintextShows() throws IOException {
        byte[] plain = new byte[3 * SealedStreams.CHUNK + 123];
        new Random(7).nextBytes(plain);
        byte[] marker = "山田太郎".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(marker, 0, plain, SealedStreams.CHUNK - 3, marker.length);
        byte[] sealed = seal(plain, KEYS);
        assertThat(open(sealed, KEYS)).isEqualTo(plain);
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("山田太郎");
        assertThat(open(seal(new byte[0], KEYS), KEYS)).isEmpty();
    }

    @Test
    void alteredCutOffOrForeignFilesAreRefused() throws IOException {
        byte[] plain = new byte[2 * SealedStreams.CHUNK + 10];
        byte[] sealed = seal(plain, KEYS);

        byte[] altered = sealed.clone();
        altered[altered.length / 2] ^= 1;
        assertThatThrownBy(() -> open(altered, KEYS)).isInstanceOf(IOException.class).hasMessageContaining("altered");

        // Dropping the last chunk leaves a file that ends on a chunk border: still refused.
        int lastChunk = sealed.length - (1 + 4 + 12 + 10 + 16);
        assertThatThrownBy(() -> open(Arrays.copyOf(sealed, lastChunk), KEYS)).isInstanceOf(IOException.class)
                .hasMessageContaining("cut off");

        assertThatThrownBy(() -> open(sealed, ring("b"))).isInstanceOf(IOException.class)
                .hasMessageContaining("key 'a'");
        KeyRing sameIdOtherKey = ring("a");
        assertThatThrownBy(() -> open(sealed, sameIdOtherKey)).isInstanceOf(IOException.class);
    }
}

package org.madoguchi.platform.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON-like value to bytes, with two escape hatches a JSON library would not allow: {@link Raw} text
 * written verbatim (lone-surrogate escapes, NaN, comments) and {@link Bytes} written as they are (invalid UTF-8).
 */
public final class JsonBytes {

    /** Verbatim JSON text, e.g. {@code "\ud800"} with the backslash escape left for the server to decode. */
    public record Raw(String text) {
    }

    /** Verbatim bytes inside a string literal, e.g. the CESU-8 encoding of a lone surrogate. */
    public record Bytes(byte[] bytes) {
    }

    private JsonBytes() {
    }

    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value == null) {
            text("null", out);
        } else if (value instanceof Raw raw) {
            text(raw.text(), out);
        } else if (value instanceof Bytes bytes) {
            out.write('"');
            out.writeBytes(bytes.bytes());
            out.write('"');
        } else if (value instanceof String s) {
            text(quote(s), out);
        } else if (value instanceof Map<?, ?> map) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                text(quote(String.valueOf(e.getKey())), out);
                out.write(':');
                write(e.getValue(), out);
            }
            out.write('}');
        } else if (value instanceof List<?> list) {
            out.write('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(list.get(i), out);
            }
            out.write(']');
        } else {
            text(String.valueOf(value), out);
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void text(String s, ByteArrayOutputStream out) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}

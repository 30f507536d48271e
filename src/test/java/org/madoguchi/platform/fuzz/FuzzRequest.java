package org.madoguchi.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated request. {@code refusal} says why a state-changing request cannot be valid (null for safe
 * ones): a 2xx answer to it would mean the application accepted something it must not.
 */
public record FuzzRequest(long index, Role role, ApiOperation operation, String method, String path,
                          Map<String, String> headers, byte[] body, String refusal) {

    public boolean mustBeRefused() {
        return refusal != null;
    }

    /** Enough to reproduce by hand; the body is cut and non-printable bytes shown as \xNN. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append('#').append(index).append(' ').append(role).append(' ').append(method).append(' ')
                .append(path.length() > 300 ? path.substring(0, 300) + "…(" + path.length() + " chars)" : path);
        headers.forEach((k, v) -> b.append(" [").append(k).append(": ")
                .append(v.length() > 80 ? v.substring(0, 80) + "…" : v).append(']'));
        if (refusal != null) {
            b.append(" {must refuse: ").append(refusal).append('}');
        }
        if (body != null) {
            b.append(" body(").append(body.length).append(" bytes)=").append(printable(body, 300));
        }
        return b.toString();
    }

    static String printable(byte[] bytes, int max) {
        StringBuilder b = new StringBuilder();
        String text = new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.ISO_8859_1);
        for (char c : text.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return bytes.length > max ? b + "…" : b.toString();
    }

    /** Who sends it; FORGED carries a bearer token that no device or staff member holds. */
    public enum Role { ANONYMOUS, KIOSK, DISPLAY, STAFF, MANAGER, ADMIN, FORGED }

    public static Map<String, String> noHeaders() {
        return Map.of();
    }
}

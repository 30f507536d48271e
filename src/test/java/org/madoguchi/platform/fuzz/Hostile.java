package org.madoguchi.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Hostile values. None of them is a valid id, month or date of this application, so a state-changing request
 * whose path or query carries one of them must be refused; that is what lets the fuzzer assert "nothing changed".
 */
public final class Hostile {

    private Hostile() {
    }

    /** Path segments as sent on the wire (already percent-encoded where the URI needs it). */
    private static final List<String> PATH = List.of(
            "..", "../..", "..%2F", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f", "%2e%2e", ".%2e", "%2F", "a%2Fb", "%5C..%5C",
            "..;", "x;jsessionid=1", "%3B", "%00", "%0D%0A", "%09", "%ED%A0%80", "%ED%B0%80x", "%C0%AE%C0%AE%C0%AF",
            "%FF%FE", "%E6%88%B8%E7%B1%8D", "'", "%22", "'%3B--", "%2F*", "*", "1%20OR%201=1", "'%20OR%20'1'='1",
            "-1", "0", "-9223372036854775808", "9223372036854775808", "99999999999999", "1.5", "1e3", "0x10", "NaN",
            "00000000-0000-0000-0000-000000000000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "unknown", "honcho-999",
            "%25", "%2525", "~", "$", "@", "%7B%7D", "%3Cscript%3E");

    /** Query values as sent on the wire; never a valid month, date, office, department or counter. */
    private static final List<String> QUERY = List.of(
            "", "%00", "%ED%A0%80", "%FF", "%0D%0ASet-Cookie:x=1", "'", "%27%3B--", "%22", "%5C", "1%3BDROP%20TABLE%20x",
            "..%2F..%2F", "../", "-1", "0", "99999999999999999999", "-2147483649", "2024-13", "2024-00-45", "0000-00",
            "+99999-01", "2024-4", "20240401", "NaN", "1e9", "*", "%25", "a&b=c", "%E6%88%B8%E7%B1%8D", "null", "true",
            "unknown-office", "honcho-999");

    /** Header values the client can send (visible ASCII only). */
    private static final List<String> HEADER = List.of(
            "'; DROP TABLE x;--", "../../etc/passwd", "-1", "99999999999999999999999", "abc", "%00", "1e3", "\"", "\\",
            "/*", "0x10", " ");

    /** JSON string values: escaped controls and lone surrogates, raw invalid bytes, SQL and traversal text. */
    static Object jsonString(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> new JsonBytes.Raw("\"\\ud800\"");
            case 1 -> new JsonBytes.Raw("\"a\\udc00b\"");
            case 2 -> new JsonBytes.Raw("\"\\u0000\"");
            case 3 -> new JsonBytes.Raw("\"x\\u001b[31m\\u0007\\u007f\"");
            case 4 -> new JsonBytes.Bytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            case 5 -> new JsonBytes.Bytes("\u0001\u0002\t".getBytes(StandardCharsets.UTF_8));
            case 6 -> "'; DROP TABLE platform.staff; --";
            case 7 -> "\" OR \"1\"=\"1";
            case 8 -> "/* */ -- ; \\ ' \"";
            case 9 -> "../../../etc/passwd";
            case 10 -> "%2e%2e%2f%00";
            case 11 -> "x".repeat(1 + r.nextInt(20_000));
            case 12 -> "戸籍".repeat(1 + r.nextInt(3_000));
            case 13 -> "";
            case 14 -> "   ";
            default -> "\u202Eevil\uFEFF";
        };
    }

    /** A value of the wrong JSON type, or an edge of a right one. */
    static Object wrongType(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> List.of(1, 2);
            case 1 -> java.util.Map.of("$ne", 1);
            case 2 -> true;
            case 3 -> null;
            case 4 -> new JsonBytes.Raw("1e999999");
            case 5 -> new JsonBytes.Raw("-0");
            case 6 -> new JsonBytes.Raw("9223372036854775808");
            case 7 -> new JsonBytes.Raw("1.5");
            case 8 -> new JsonBytes.Raw("-1");
            case 9 -> List.of();
            case 10 -> new JsonBytes.Raw("{}");
            default -> 42;
        };
    }

    static String pathSegment(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "x".repeat(1000 + r.nextInt(2000));
            case 1 -> UUID.randomUUID().toString();
            case 2 -> String.valueOf(1_000_000_000_000L + r.nextInt(1_000_000));
            default -> PATH.get(r.nextInt(PATH.size()));
        };
    }

    static String queryValue(Random r) {
        return r.nextInt(12) == 0 ? "q".repeat(1000 + r.nextInt(3000)) : QUERY.get(r.nextInt(QUERY.size()));
    }

    static String header(Random r) {
        return r.nextInt(12) == 0 ? "h".repeat(100 + r.nextInt(3000)) : HEADER.get(r.nextInt(HEADER.size()));
    }
}

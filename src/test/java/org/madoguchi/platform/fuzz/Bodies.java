package org.madoguchi.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/** Request bodies: plausible ones built from the schema, mutated ones, and ones no JSON parser accepts. */
final class Bodies {

    /** Bodies that are not JSON at all; every one fails to parse, so a request carrying one must be refused. */
    private static final List<String> MALFORMED = List.of(
            "{", "{\"a\":", "}", "[", "{'a':1}", "{a:1}", "{\"x\":1,}", "{\"x\":01}", "{\"x\":NaN}", "{\"x\":\"\\q\"}",
            "{\"x\":\"unterminated}", "\u0000", "{\"x\" 1}", "{,}", "{\"x\":tru}", "{\"x\":\"\\u12\"}", "<json/>",
            "{\"x\":1}}", "{\"x\":[1,2}", "\"unterminated");

    private static final List<String> EXTRA_NAMES = List.of("id", "role", "admin", "__proto__", "constructor", "officeId",
            "staffId", "$where", "enabled", "x".repeat(300), "", "ｎａｍｅ");

    private final OpenApiDocument document;

    OpenApiDocument document() {
        return document;
    }

    Bodies(OpenApiDocument document) {
        this.document = document;
    }

    static byte[] malformed(Random r) {
        return switch (r.nextInt(6)) {
            // Invalid UTF-8 (a lone continuation byte, 0xFF) inside a string: not decodable, not JSON.
            case 0 -> concat("{\"name\":\"", new byte[] {(byte) 0x80, (byte) 0xFF, (byte) 0xFE}, "\"}");
            // Nesting far deeper than the parser's limit.
            case 1 -> ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
            // A truncated document that starts out valid.
            case 2 -> "{\"departmentId\":\"koseki-jumin\",\"procedureIds\":[\"tennyu\"".getBytes(StandardCharsets.UTF_8);
            default -> MALFORMED.get(r.nextInt(MALFORMED.size())).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Larger than the API's 64 KB body limit. */
    static byte[] oversized(Random r) {
        int size = 70_000 + r.nextInt(130_000);
        return r.nextBoolean() ? ("{\"name\":\"" + "a".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8)
                : ("[" + "1,".repeat(size / 2) + "1]").getBytes(StandardCharsets.UTF_8);
    }

    /** A plausible value for the schema; property names guide the choice of realistic ids. */
    Object plausible(JsonNode schema, String name, Random r, int depth) {
        JsonNode s = document.resolve(schema);
        if (s == null || s.isMissingNode() || depth > 6) {
            return "x";
        }
        if (s.has("enum")) {
            List<JsonNode> values = new ArrayList<>(s.path("enum").values());
            return values.get(r.nextInt(values.size())).asString();
        }
        switch (s.path("type").asString("object")) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
                    if (r.nextInt(100) < 85) {
                        object.put(p.getKey(), plausible(p.getValue(), p.getKey(), r, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    list.add(plausible(s.path("items"), name, r, depth + 1));
                }
                return list;
            }
            case "integer", "number" -> {
                return r.nextInt(100);
            }
            case "boolean" -> {
                return r.nextBoolean();
            }
            default -> {
                return PlausibleValues.forName(name, s.path("format").asString(""), r);
            }
        }
    }

    /** A schema body with a few fields replaced by hostile values or wrong types, added or removed. */
    Object mutated(JsonNode schema, Random r, String keepOut) {
        Object body = plausible(schema, "", r, 0);
        if (!(body instanceof Map<?, ?>)) {
            return r.nextBoolean() ? body : Hostile.wrongType(r);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) body;
        if (keepOut != null) {
            object.remove(keepOut);
        }
        for (int n = r.nextInt(4); n > 0; n--) {
            List<String> keys = new ArrayList<>(object.keySet());
            String key = keys.isEmpty() ? null : keys.get(r.nextInt(keys.size()));
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    if (key != null) {
                        object.put(key, Hostile.jsonString(r));
                    }
                }
                case 2 -> {
                    if (key != null) {
                        object.put(key, Hostile.wrongType(r));
                    }
                }
                case 3 -> {
                    String extra = EXTRA_NAMES.get(r.nextInt(EXTRA_NAMES.size()));
                    if (!extra.equals(keepOut)) {
                        object.put(extra, r.nextBoolean() ? Hostile.jsonString(r) : Hostile.wrongType(r));
                    }
                }
                default -> {
                    if (key != null) {
                        object.remove(key);
                    }
                }
            }
        }
        return object;
    }

    static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }
}

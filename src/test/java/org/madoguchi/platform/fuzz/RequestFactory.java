package org.madoguchi.platform.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Builds request number {@code i} of a run from the seed alone, so any one request can be rebuilt and sent again.
 * Operations and roles are walked round-robin (every operation as every role, in turn); the rest is random.
 *
 * <p>A state-changing request always carries at least one defect that makes it invalid: a hostile path id, a
 * hostile query, a body that is not JSON, a wrong Content-Type, a body over the size limit, a missing required
 * field or an undeclared method. The other parts may be plausible, so the refusal is tested and not just the
 * first check.
 */
public final class RequestFactory {

    /** POST operations that only look something up. */
    static final Set<String> READ_ONLY_POSTS = Set.of("POST /preentry/postal");

    private static final List<String> OTHER_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE");

    private final List<ApiOperation> operations;
    private final Bodies bodies;
    private final long seed;

    public RequestFactory(OpenApiDocument document, long seed) {
        this.operations = document.operations().stream()
                .sorted(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method)).toList();
        this.bodies = new Bodies(document);
        this.seed = seed;
    }

    public List<ApiOperation> operations() {
        return operations;
    }

    public FuzzRequest build(long i) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + i);
        ApiOperation op = operations.get((int) (i % operations.size()));
        FuzzRequest.Role role = FuzzRequest.Role.values()[(int) ((i / operations.size()) % FuzzRequest.Role.values().length)];
        if (r.nextInt(12) == 0) {
            return wrongMethod(i, r, op, role);
        }
        boolean mayChange = !op.safe() && !READ_ONLY_POSTS.contains(op.toString());
        Defect defect = mayChange ? Defect.pick(op, bodies, r) : null;
        Map<String, String> headers = new LinkedHashMap<>();
        String path = path(op, r, defect == Defect.HOSTILE_PATH) + query(op, r, defect == Defect.HOSTILE_QUERY);
        for (ApiOperation.Parameter h : op.in("header")) {
            if (r.nextBoolean()) {
                headers.put(h.name(), r.nextBoolean() ? Hostile.header(r) : "fuzz-" + r.nextInt(1_000_000));
            }
        }
        byte[] body = body(op, r, defect, headers);
        return new FuzzRequest(i, role, op, op.method(), path, headers, body, defect == null ? null : defect.why);
    }

    private FuzzRequest wrongMethod(long i, Random r, ApiOperation op, FuzzRequest.Role role) {
        Set<String> declared = operations.stream().filter(o -> o.path().equals(op.path())).map(ApiOperation::method)
                .collect(Collectors.toSet());
        List<String> candidates = new ArrayList<>(OTHER_METHODS);
        candidates.removeAll(declared);
        String method = candidates.get(r.nextInt(candidates.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = null;
        if (!method.equals("GET") && !method.equals("TRACE") && r.nextBoolean()) {
            headers.put("Content-Type", "application/json");
            body = JsonBytes.write(op.hasBody() ? bodies.plausible(op.bodySchema(), "", r, 0) : Map.of("x", 1));
        }
        String path = path(op, r, r.nextBoolean()) + query(op, r, false);
        return new FuzzRequest(i, role, op, method, path, headers, body,
                method.equals("GET") ? null : "method " + method + " is not declared for this path");
    }

    private static String path(ApiOperation op, Random r, boolean hostile) {
        String path = op.path();
        for (ApiOperation.Parameter p : op.in("path")) {
            String value = hostile || r.nextInt(10) < 4 ? Hostile.pathSegment(r)
                    : encode(PlausibleValues.forName(p.name(), p.format(), r));
            path = path.replace("{" + p.name() + "}", value);
        }
        return path;
    }

    private static String query(ApiOperation op, Random r, boolean hostile) {
        List<String> pairs = new ArrayList<>();
        for (ApiOperation.Parameter q : op.in("query")) {
            if (r.nextInt(100) >= (q.required() ? 85 : 50)) {
                continue;
            }
            boolean bad = hostile || r.nextInt(10) < 4;
            if (q.type().equals("object")) {
                // A map of any parameters (the legacy import's options).
                pairs.add(encode(bad ? "office" : "dryRun") + "=" + (bad ? Hostile.queryValue(r) : "true"));
            } else {
                pairs.add(q.name() + "=" + (bad ? Hostile.queryValue(r) : encode(PlausibleValues.forName(q.name(), q.format(), r))));
            }
        }
        if (r.nextInt(7) == 0) {
            pairs.add(Hostile.queryValue(r).replace("=", "%3D") + "=" + Hostile.queryValue(r));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private byte[] body(ApiOperation op, Random r, Defect defect, Map<String, String> headers) {
        if (defect != null && defect != Defect.HOSTILE_PATH && defect != Defect.HOSTILE_QUERY) {
            return defect.body(op, bodies, r, headers);
        }
        int dice = r.nextInt(100);
        if (!op.hasBody()) {
            return dice < 80 ? null : Defect.values()[r.nextInt(3)].body(op, bodies, r, headers);
        }
        if (dice < 55) {
            headers.put("Content-Type", r.nextInt(8) == 0 ? "application/json; charset=ISO-8859-1" : "application/json");
            return JsonBytes.write(bodies.mutated(op.bodySchema(), r, null));
        }
        if (dice < 65) {
            headers.put("Content-Type", "application/json");
            return JsonBytes.write(Hostile.wrongType(r));
        }
        if (dice < 90) {
            return Defect.values()[r.nextInt(3)].body(op, bodies, r, headers);
        }
        return null;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What makes a state-changing request invalid, and the body that goes with it. */
    enum Defect {
        MALFORMED_JSON("the body is not JSON"),
        WRONG_CONTENT_TYPE("the body is not application/json"),
        OVERSIZED("the body is over the 64 KB limit"),
        MISSING_REQUIRED("a required field is missing"),
        HOSTILE_PATH("a path variable is not a valid id"),
        HOSTILE_QUERY("no query parameter is valid");

        final String why;

        Defect(String why) {
            this.why = why;
        }

        static Defect pick(ApiOperation op, Bodies bodies, Random r) {
            List<Defect> possible = new ArrayList<>();
            if (!op.in("path").isEmpty()) {
                possible.add(HOSTILE_PATH);
            }
            if (op.hasBody()) {
                possible.add(MALFORMED_JSON);
                possible.add(WRONG_CONTENT_TYPE);
                if (!requiredFields(op, bodies).isEmpty()) {
                    possible.add(MISSING_REQUIRED);
                }
            }
            if (op.underApi()) {
                possible.add(OVERSIZED);
            }
            if (op.in("path").isEmpty() && !op.hasBody() && !op.in("query").isEmpty()) {
                possible.add(HOSTILE_QUERY);
            }
            if (possible.isEmpty()) {
                throw new IllegalStateException("No way to make " + op + " invalid; list it as read-only or teach the fuzzer");
            }
            return possible.get(r.nextInt(possible.size()));
        }

        private static List<String> requiredFields(ApiOperation op, Bodies bodies) {
            JsonNode schema = bodies.document().resolve(op.bodySchema());
            return schema.path("required").values().stream().map(JsonNode::asString).toList();
        }

        byte[] body(ApiOperation op, Bodies bodies, Random r, Map<String, String> headers) {
            switch (this) {
                case MALFORMED_JSON -> {
                    headers.put("Content-Type", "application/json");
                    return Bodies.malformed(r);
                }
                case WRONG_CONTENT_TYPE -> {
                    return WrongContent.body(op, bodies, r, headers);
                }
                case OVERSIZED -> {
                    headers.put("Content-Type", r.nextInt(4) == 0 ? "text/plain" : "application/json");
                    return Bodies.oversized(r);
                }
                case MISSING_REQUIRED -> {
                    List<String> required = requiredFields(op, bodies);
                    headers.put("Content-Type", "application/json");
                    return JsonBytes.write(bodies.mutated(op.bodySchema(), r, required.get(r.nextInt(required.size()))));
                }
                default -> {
                    return null;
                }
            }
        }
    }
}

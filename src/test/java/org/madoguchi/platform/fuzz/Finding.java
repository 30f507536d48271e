package org.madoguchi.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A request whose answer breaks one of the fuzzer's rules. */
public record Finding(Kind kind, FuzzRequest request, FuzzClient.Answer answer) {

    public enum Kind {
        /** No answer at all (connection reset, timeout). */
        NO_ANSWER,
        /** Any 5xx. */
        SERVER_ERROR,
        /** A 4xx under /api that is not application/problem+json. */
        NOT_PROBLEM_JSON,
        /** A problem+json refusal without a detail. */
        NO_DETAIL,
        /** A 2xx answer to a request that carried a defect making it invalid, so something may have changed. */
        ACCEPTED_INVALID_CHANGE
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every rule the answer breaks (usually none). */
    public static List<Finding> check(FuzzRequest request, FuzzClient.Answer answer) {
        List<Finding> findings = new ArrayList<>();
        int status = answer.status();
        if (answer.failure() != null) {
            findings.add(new Finding(Kind.NO_ANSWER, request, answer));
        } else if (status >= 500) {
            findings.add(new Finding(Kind.SERVER_ERROR, request, answer));
        } else if (status >= 400 && request.path().startsWith("/api/")) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                findings.add(new Finding(Kind.NOT_PROBLEM_JSON, request, answer));
            } else if (!hasDetail(answer.body())) {
                findings.add(new Finding(Kind.NO_DETAIL, request, answer));
            }
        } else if (status >= 200 && status < 300 && request.mustBeRefused()) {
            findings.add(new Finding(Kind.ACCEPTED_INVALID_CHANGE, request, answer));
        }
        return findings;
    }

    private static boolean hasDetail(byte[] body) {
        try {
            JsonNode detail = JSON.readTree(new String(body, StandardCharsets.UTF_8)).path("detail");
            return detail.isString() && !detail.asString().isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String describe(long seed) {
        return kind + "\n  request:  " + request.describe() + "\n  answer:   " + answer.describe()
                + "\n  reproduce: ./mvnw -o test -Dtest=ApiFuzzTest -Dfuzz.seed=" + seed + " -Dfuzz.request=" + request.index();
    }
}

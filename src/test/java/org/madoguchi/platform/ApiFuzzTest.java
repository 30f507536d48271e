package org.madoguchi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.fuzz.DatabaseFingerprint;
import org.madoguchi.platform.fuzz.Finding;
import org.madoguchi.platform.fuzz.FuzzClient;
import org.madoguchi.platform.fuzz.FuzzRequest;
import org.madoguchi.platform.fuzz.FuzzRequest.Role;
import org.madoguchi.platform.fuzz.KnownFindings;
import org.madoguchi.platform.fuzz.OpenApiDocument;
import org.madoguchi.platform.fuzz.RequestFactory;

/**
 * Sends generated requests to every operation of the OpenAPI document as every role: no answer may be a 5xx,
 * every refusal under /api is problem+json with a detail, no invalid state-changing request is accepted, and the
 * database is the same afterwards. docs/fuzzing.md explains the options:
 * -Dfuzz.seed=… (repeat a run), -Dfuzz.requests=… (how many), -Dfuzz.request=… (send only that one request).
 */
class ApiFuzzTest {

    private static final String PASSWORD = "fuzz-password-correct-1";

    private final TestApp app = TestApp.shared();

    @Test
    void noGeneratedRequestIsAnErrorOrChangesAnything() {
        long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
        int count = Integer.getInteger("fuzz.requests", 1500);
        Long only = Long.getLong("fuzz.request");
        System.out.printf("ApiFuzzTest: seed %d, %s (repeat with -Dfuzz.seed=%d)%n", seed,
                only != null ? "request #" + only + " only" : count + " requests", seed);

        FuzzClient client = new FuzzClient(roles());
        RequestFactory factory = new RequestFactory(new OpenApiDocument(new Http(app).get("/v3/api-docs").body()), seed);
        assertThat(factory.operations()).as("operations in /v3/api-docs").hasSizeGreaterThan(30);
        Map<String, String> before = DatabaseFingerprint.take(app.jdbc());

        List<Finding> findings = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        long first = only != null ? only : 0;
        long last = only != null ? only + 1 : count;
        for (long i = first; i < last; i++) {
            FuzzRequest request = factory.build(i);
            FuzzClient.Answer answer = client.send(request);
            statuses.merge(answer.status(), 1, Integer::sum);
            findings.addAll(Finding.check(request, answer));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, String> after = DatabaseFingerprint.take(app.jdbc());

        List<Finding> unknown = findings.stream().filter(f -> !KnownFindings.covers(f)).toList();
        System.out.printf("ApiFuzzTest: seed %d, %d requests to %d operations as %d roles in %.1f s (%.0f/s); statuses %s;"
                        + " %d findings, %d of them known%n", seed, last - first, factory.operations().size(),
                Role.values().length, seconds, (last - first) / seconds, statuses, findings.size(),
                findings.size() - unknown.size());
        findings.stream().filter(KnownFindings::covers).limit(5)
                .forEach(f -> System.out.println("ApiFuzzTest: known finding " + f.describe(seed)));

        if (!unknown.isEmpty()) {
            fail("seed %d: %d requests broke a rule (first 15 shown):%n%s", seed, unknown.size(), unknown.stream()
                    .limit(15).map(f -> f.describe(seed)).collect(Collectors.joining("\n")));
        }
        assertThat(after).as("seed %d: the database changed (row count:hash per table)", seed).isEqualTo(before);
    }

    /** One bearer token per role: device tokens, and staff tokens that stay exempt from CSRF. */
    private Map<Role, Http> roles() {
        Http anonymous = new Http(app);
        Http admin = anonymous.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<Role, Http> roles = new EnumMap<>(Role.class);
        roles.put(Role.ANONYMOUS, anonymous);
        roles.put(Role.KIOSK, anonymous.bearer(app.device("KIOSK", "honcho")));
        roles.put(Role.DISPLAY, anonymous.bearer(app.device("DISPLAY", "honcho")));
        roles.put(Role.STAFF, anonymous.bearer(staffToken(admin, "fuzz-staff-" + suffix, "STAFF", List.of("koseki-jumin"))));
        roles.put(Role.MANAGER, anonymous.bearer(staffToken(admin, "fuzz-manager-" + suffix, "MANAGER", List.of())));
        roles.put(Role.ADMIN, anonymous.bearer(token(admin)));
        roles.put(Role.FORGED, anonymous.bearer("stf_" + UUID.randomUUID().toString().replace("-", "")));
        return roles;
    }

    private String staffToken(Http admin, String login, String role, List<String> departments) {
        Http.Response created = admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", login,
                "displayName", "ファズ " + role, "password", PASSWORD, "role", role, "departments", departments)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return token(new Http(app).basic(login, PASSWORD));
    }

    private static String token(Http staff) {
        Http.Response token = staff.post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "fuzzer")));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return token.json().path("token").asString();
    }
}

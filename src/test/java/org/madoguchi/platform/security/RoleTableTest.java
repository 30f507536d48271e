package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/**
 * The table "Who may do what" in docs/security.md is the contract a city's reviewer reads; this test reads it
 * and tries every row as every principal against the running application, so the document cannot drift.
 */
class RoleTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST) ([^`]+)` \\|(.*)\\|\\s*$");
    private static final List<String> COLUMNS = List.of("anonymous", "KIOSK", "DISPLAY", "STAFF", "MANAGER", "ADMIN",
            "METRICS");
    private static final String PASSWORD = "correct horse battery";

    private final TestApp app = TestApp.shared();

    @AfterAll
    static void clean() {
        TestApp.shared().resetReception();
    }

    private record Rule(String method, String path, Map<String, Boolean> allowed) {
    }

    private static List<Rule> table() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docs/security.md"));
        int start = lines.indexOf("## Who may do what");
        assertThat(start).as("docs/security.md has the section").isPositive();
        List<Rule> rules = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("## ") && !rules.isEmpty()) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String[] cells = row.group(3).split("\\|");
                assertThat(cells).as(line).hasSize(COLUMNS.size());
                Map<String, Boolean> allowed = new LinkedHashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    String cell = cells[i].trim();
                    assertThat(cell).as(line).isIn("✓", "✗");
                    allowed.put(COLUMNS.get(i), cell.equals("✓"));
                }
                rules.add(new Rule(row.group(1), row.group(2), allowed));
            }
        }
        return rules;
    }

    private Map<String, Http> principals() {
        Http admin = new Http(app).admin();
        Map<String, Http> who = new LinkedHashMap<>();
        who.put("anonymous", new Http(app));
        who.put("KIOSK", new Http(app).bearer(app.device("KIOSK", "honcho")));
        who.put("DISPLAY", new Http(app).bearer(app.device("DISPLAY", "honcho")));
        for (String role : List.of("STAFF", "MANAGER")) {
            String login = "table-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(admin.post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", login,
                    "displayName", "表 " + role, "password", PASSWORD, "role", role,
                    "departments", role.equals("STAFF") ? List.of("koseki-jumin") : List.of()))).status()).isEqualTo(201);
            who.put(role, new Http(app).bearer(new Http(app).basic(login, PASSWORD)
                    .post("/api/v1/staff/me/tokens", Http.json(Map.of("name", "table"))).json().path("token").asString()));
        }
        who.put("ADMIN", admin);
        who.put("METRICS", new Http(app).bearer(admin.post("/api/v1/admin/devices",
                Http.json(Map.of("name", "監視 " + UUID.randomUUID(), "kind", "METRICS"))).json().path("token").asString()));
        return who;
    }

    @Test
    void everyRowOfTheDocumentedTableHoldsForEveryPrincipal() throws Exception {
        List<Rule> rules = table();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(15);
        Map<String, Http> principals = principals();
        List<String> wrong = new ArrayList<>();
        for (Rule rule : rules) {
            for (var principal : principals.entrySet()) {
                Http http = principal.getValue();
                Http.Response response = rule.method().equals("GET") ? http.get(rule.path())
                        : http.send(http.request(rule.path()).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"itinerary\":[{\"departmentId\":\"koseki-jumin\"}]}")));
                boolean refused = response.status() == 401 || response.status() == 403
                        || (response.status() == 302 && String.valueOf(response.header("Location"))
                        .matches(".*/(login|devices/pair)(\\?.*)?$"));
                boolean expected = rule.allowed().get(principal.getKey());
                if (refused == expected) {
                    wrong.add(rule.method() + " " + rule.path() + " as " + principal.getKey() + ": documented "
                            + (expected ? "✓" : "✗") + ", got " + response.status());
                }
            }
        }
        assertThat(wrong).as("rows of docs/security.md that do not hold").isEmpty();
    }
}

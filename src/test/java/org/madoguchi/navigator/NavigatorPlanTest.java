package org.madoguchi.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.navigator.flow.Flow;
import org.madoguchi.navigator.flow.FlowCatalog;
import org.madoguchi.navigator.plan.ShortCodes;
import org.madoguchi.navigator.plan.VisitPlan;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.PlainPlanCodes;

/** Plans against the real floor, and the hand-off: short code or MDG1 code → one ticket, counted per flow. */
class NavigatorPlanTest {

    private static final TestApp app = TestApp.shared();

    @Test
    void everyPathGivesATicketTheReceptionAccepts() {
        Floor floor = app.bean(FloorDirectory.class).floor("honcho");
        app.bean(FlowCatalog.class).checkAgainst(floor);
        int plans = 0;
        for (Flow flow : Flows.ALL.values()) {
            for (Map<String, List<String>> path : flow.allPaths()) {
                VisitPlan plan = VisitPlan.of(flow.outcome(path), floor);
                String where = flow.id() + " " + Flows.answers(path);
                if (plan.empty()) {
                    continue;
                }
                plans++;
                assertThat(plan.ticket().size()).as(where).isBetween(1, 10);
                Set<String> seen = new HashSet<>();
                for (ItineraryStep step : plan.ticket()) {
                    assertThat(seen.add(step.departmentId())).as(where + " no repeated department").isTrue();
                    for (String p : step.procedureIds()) {
                        assertThat(floor.procedure(p).orElseThrow().departmentId()).as(where).isEqualTo(step.departmentId());
                    }
                    if (plan.ticket().size() > 1) {
                        assertThat(floor.department(step.departmentId()).orElseThrow().linked())
                                .as(where + " " + step.departmentId() + " is linked").isTrue();
                    }
                }
                if (plan.steps().stream().anyMatch(s -> s.departmentId().equals("koseki-jumin"))) {
                    assertThat(plan.ticket().get(0).departmentId()).as(where + " starts at 戸籍住民課").isEqualTo("koseki-jumin");
                }
                assertThat(plan.ticket().size() + plan.separate().size()).isEqualTo(plan.steps().size());
            }
        }
        assertThat(plans).isGreaterThan(1500);
    }

    @Test
    void taxCertificatesFromTwoDepartmentsTakeTwoNumbers() {
        Floor floor = app.bean(FloorDirectory.class).floor("honcho");
        Flow flow = Flows.flow("zeishomei");
        VisitPlan plan = VisitPlan.of(flow.outcome(Map.of("kind", List.of("kazei", "nozei"), "resident", List.of("yes"),
                "card", List.of("no"))), floor);
        assertThat(plan.ticket()).containsExactly(new ItineraryStep("kazei", List.of("kazei-shomei")));
        assertThat(plan.separate()).containsExactly("nozei");
    }

    @Test
    void aTypedShortCodeIssuesOneTicketAndIsCounted() {
        app.resetReception();
        String plan = PlainPlanCodes.encode(List.of(new ItineraryStep("koseki-jumin", List.of("tenkyo")),
                new ItineraryStep("kosodate", List.of("kodomo-iryo-henko"))));
        ShortCodes codes = app.bean(ShortCodes.class);
        String code = codes.codeFor(plan, "tenkyo");
        assertThat(code).matches("N[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}");
        assertThat(codes.codeFor(plan, "tenkyo")).as("one code per plan").isEqualTo(code);

        NavigatorUsage usage = app.bean(NavigatorUsage.class);
        LocalDate today = LocalDate.now(NavigatorUsage.ZONE);
        long before = scanned(usage, today, "tenkyo");
        Http kiosk = new Http(app).bearer(device());
        // Typed in lower case with a hyphen, as a visitor might.
        String typed = code.substring(0, 4).toLowerCase() + "-" + code.substring(4).toLowerCase();
        Http.Response ticket = kiosk.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", typed)));
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(ticket.json().path("visits").findValuesAsString("departmentId")).containsExactly("koseki-jumin", "kosodate");
        assertThat(scanned(usage, today, "tenkyo")).isEqualTo(before + 1);

        // The same plan scanned as its MDG1 QR code is counted for the flow too.
        Http.Response scanned = kiosk.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", plan)));
        assertThat(scanned.status()).isEqualTo(201);
        assertThat(scanned(usage, today, "tenkyo")).isEqualTo(before + 2);

        Http.Response unknown = kiosk.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", "N2222222")));
        assertThat(unknown.status()).isEqualTo(422);
    }

    @Test
    void aRefusedOrReplayedScanIsNotCounted() {
        app.resetReception();
        String plan = PlainPlanCodes.encode(List.of(new ItineraryStep("koseki-jumin", List.of("tenshutsu"))));
        String code = app.bean(ShortCodes.class).codeFor(plan, "tenshutsu");
        NavigatorUsage usage = app.bean(NavigatorUsage.class);
        LocalDate today = LocalDate.now(NavigatorUsage.ZONE);
        long before = scanned(usage, today, "tenshutsu");

        // A display device may not issue tickets: its scan is refused and is no use of the plan.
        Http display = new Http(app).bearer(app.device("DISPLAY", "honcho"));
        Http.Response refused = display.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", code)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        Http.Response refusedQr = display.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", plan)));
        assertThat(refusedQr.status()).isEqualTo(403);
        assertThat(scanned(usage, today, "tenshutsu")).isEqualTo(before);

        // A kiosk's retry of the same request (same Idempotency-Key) is one scan, not two.
        Http kiosk = new Http(app).bearer(device()).header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertThat(kiosk.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", code))).status())
                .isEqualTo(201);
        assertThat(kiosk.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", code))).status())
                .isEqualTo(200);
        assertThat(scanned(usage, today, "tenshutsu")).isEqualTo(before + 1);
    }

    static String device() {
        return app.device("KIOSK", "honcho");
    }

    static long scanned(NavigatorUsage usage, LocalDate day, String flowId) {
        return usage.daily(day, day).stream().filter(c -> c.flowId().equals(flowId)).mapToLong(NavigatorUsage.DailyCount::scanned).sum();
    }
}

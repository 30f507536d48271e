package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.statistics.StatisticsService.GroupBy;
import org.madoguchi.statistics.StatisticsService.Measures;
import org.madoguchi.statistics.StatisticsService.Query;
import tools.jackson.databind.JsonNode;

/** 工程別 waits, counter throughput and grouping by procedure, on {@link Facts#standard} with known answers. */
class StatisticsStepsTest {

    private final TestApp app = TestApp.shared();
    private final StatisticsService statistics = app.bean(StatisticsService.class);

    @BeforeEach
    void data() {
        StatisticsApiTest.accounts();
        Facts.clear(app);
        Facts.standard(app);
    }

    @AfterEach
    void clean() {
        Facts.clear(app);
    }

    @Test
    void waitsPerStepOfTheTicketsItinerary() {
        Map<String, Measures> steps = statistics.measures(Query.of(new FiscalYear(2023)), GroupBy.STEP).stream()
                .collect(Collectors.toMap(Measures::key, m -> m));
        assertThat(steps).containsOnlyKeys("01", "02");
        // First departments: 戸籍住民課 120, 240, 600 and 国保年金課 219 (and one cancelled, never called).
        assertThat(steps.get("01").visits()).isEqualTo(5);
        assertThat(steps.get("01").waiting().count()).isEqualTo(4);
        assertThat(steps.get("01").waiting().average()).isCloseTo((120 + 240 + 600 + 219) / 4.0, within(1e-9));
        assertThat(steps.get("01").label()).isEqualTo("1番目の課（発券した課）");
        // The handed-over visit: 300 s at the second department, 1,500 s since the ticket was issued.
        assertThat(steps.get("02").visits()).isEqualTo(1);
        assertThat(steps.get("02").waiting().average()).isEqualTo(300.0);
        assertThat(steps.get("02").sinceIssue().average()).isEqualTo(1500.0);
        assertThat(steps.get("02").label()).isEqualTo("2番目の課（窓口連携）");
    }

    @Test
    void aVisitForTwoProceduresCountsInBoth() {
        app.jdbc().sql("""
                UPDATE statistics.visit_fact SET procedure_ids = CASE
                    WHEN first_called_at - arrived_at = interval '2 minutes' THEN ARRAY['tennyu', 'juminhyo']
                    WHEN first_called_at - arrived_at = interval '4 minutes' THEN ARRAY['juminhyo'] ELSE '{}' END""").update();
        Map<String, Measures> procedures = statistics.measures(Query.of(new FiscalYear(2023)), GroupBy.PROCEDURE).stream()
                .collect(Collectors.toMap(Measures::key, m -> m));
        assertThat(procedures.get("tennyu").visits()).isEqualTo(1);
        assertThat(procedures.get("tennyu").waiting().average()).isEqualTo(120.0);
        assertThat(procedures.get("juminhyo").visits()).isEqualTo(2);
        assertThat(procedures.get("juminhyo").waiting().average()).isEqualTo(180.0);
        assertThat(procedures.get("").label()).isEqualTo("手続の記録なし");
        assertThat(procedures.get("").visits()).isEqualTo(4);
        assertThat(procedures.get("tennyu").label()).isNotEqualTo("tennyu");
    }

    @Test
    void counterThroughputPerActiveHour() {
        Map<String, StatisticsService.CounterThroughput> counters = statistics.counterThroughput(
                        new Query(new FiscalYear(2023).firstDay(), new FiscalYear(2023).lastDay(), "honcho", null, null))
                .stream().collect(Collectors.toMap(StatisticsService.CounterThroughput::counterId, c -> c));
        assertThat(counters).containsOnlyKeys("honcho-1", "honcho-2", "honcho-11");
        // 1番窓口: 9 h on 2023-08-10 (completed) and 16 h on 2024-03-29 (absent, dropped).
        assertThat(counters.get("honcho-1").called()).isEqualTo(2);
        assertThat(counters.get("honcho-1").completed()).isEqualTo(1);
        assertThat(counters.get("honcho-1").activeHours()).isEqualTo(2);
        assertThat(counters.get("honcho-1").completedPerHour()).isEqualTo(0.5);
        assertThat(counters.get("honcho-1").averageServiceSeconds()).isEqualTo(300.0);
        // 2番窓口: 9 h and 10 h, both completed (600 s and 300 s).
        assertThat(counters.get("honcho-2").completedPerHour()).isEqualTo(1.0);
        assertThat(counters.get("honcho-2").averageServiceSeconds()).isEqualTo(450.0);
        assertThat(counters.get("honcho-11").completed()).isEqualTo(1);
        assertThat(counters.get("honcho-11").averageServiceSeconds()).isEqualTo(381.0);
        assertThat(counters.get("honcho-2").label()).isEqualTo("2番窓口");
    }

    @Test
    void theApiAndTheDashboardSection() {
        Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
        Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
        String counters = "/api/v1/statistics/counters?from=2023-04-01&to=2024-03-31&office=honcho";
        assertThat(staff.get(counters).status()).isEqualTo(403);
        Http.Response response = manager.get(counters);
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = java.util.stream.StreamSupport.stream(response.json().spliterator(), false)
                .map(n -> n.path("counterId").asString()).toList();
        assertThat(ids).containsExactly("honcho-1", "honcho-2", "honcho-11");
        JsonNode steps = manager.get("/api/v1/statistics/measures?from=2023-04-01&to=2024-03-31&groupBy=step").json();
        assertThat(steps.get(1).path("key").asString()).isEqualTo("02");
        assertThat(steps.get(1).path("sinceIssue").path("average").asDouble()).isEqualTo(1500.0);
        assertThat(manager.get("/api/v1/statistics/measures?from=2023-04-01&to=2024-03-31&groupBy=procedure").status())
                .isEqualTo(200);
        assertThat(manager.get("/api/v1/statistics/counters?from=2024-04-01&to=2023-04-01").status()).isEqualTo(422);

        String page = manager.get("/statistics?fy=2023").body();
        assertThat(page).contains("工程別の待ち時間", "2番目の課（窓口連携）", "窓口ごとの処理件数", "手続ごとの待ち時間");
        assertThat(page).contains("data-counter=\"honcho-11\"");
    }
}

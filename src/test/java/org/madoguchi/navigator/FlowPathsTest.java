package org.madoguchi.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.madoguchi.liveinfo.OfficeDays;
import org.madoguchi.navigator.flow.DueDate;
import org.madoguchi.navigator.flow.Flow;
import org.madoguchi.navigator.flow.OutcomeItem;

/**
 * Every path of every flow (as GOV.UK smart answers test theirs): all answer combinations are generated from
 * the flow and their outcomes compared with the reviewed fixture in src/test/resources/navigator/paths. After a
 * deliberate content change, run once with -Dnavigator.update-fixtures=true and review the diff.
 */
class FlowPathsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/navigator/paths");

    /** A fixed "today" (a Monday) so that date answers and the deadlines in the fixtures do not move. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void theElevenFlowsOfTheAuditAreThere() {
        assertThat(Flows.ALL.keySet()).containsExactlyInAnyOrder("tennyu", "tenshutsu", "tenkyo", "konin", "rikon",
                "shussei", "shibo", "juminhyo", "inkan", "koseki", "zeishomei");
    }

    @TestFactory
    List<DynamicTest> everyPathMatchesItsFixture() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Flow flow : Flows.ALL.values()) {
            tests.add(DynamicTest.dynamicTest(flow.id(), () -> {
                StringBuilder actual = new StringBuilder();
                for (Map<String, List<String>> path : flow.allPaths(TODAY)) {
                    assertThat(flow.clean(path, TODAY)).as("generated answers are valid").isEqualTo(path);
                    List<OutcomeItem> items = flow.outcome(path);
                    assertThat(items).as(flow.id() + " " + Flows.answers(path) + " has an outcome").isNotEmpty();
                    actual.append(Flows.answers(path)).append(" => ").append(Flows.outcome(items,
                            i -> flow.dueDate(i, path, TODAY, OfficeDays::isBusinessDay).map(FlowPathsTest::due).orElse("")))
                            .append('\n');
                }
                Path file = FIXTURES.resolve(flow.id() + ".txt");
                if (Boolean.getBoolean("navigator.update-fixtures") || !Files.exists(file)) {
                    Files.createDirectories(FIXTURES);
                    Files.writeString(file, actual, StandardCharsets.UTF_8);
                }
                assertThat(actual.toString()).as("paths of " + flow.id() + " against " + file)
                        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            }));
        }
        return tests;
    }

    /** A deadline as a reviewer reads it: {@code [2026-12-07 Mon]}, with "closed→next open day", "passed", "not yet". */
    static String due(DueDate d) {
        return "[" + d.lastDay() + " " + d.lastDay().getDayOfWeek().toString().substring(0, 3)
                + (d.closed() ? " closed→" + d.nextOpen() : "") + (d.passed() ? " passed" : "")
                + (d.notYet() ? " not-yet" : "") + "]";
    }

    @Test
    void everyQuestionAndOutcomeIsReachable() {
        for (Flow flow : Flows.ALL.values()) {
            List<Map<String, List<String>>> paths = flow.allPaths();
            for (OutcomeItem item : flow.outcomes()) {
                assertThat(paths.stream().anyMatch(p -> flow.outcome(p).contains(item)))
                        .as(flow.id() + ": outcome " + item.id() + " (line " + item.line() + ") is reachable").isTrue();
            }
            flow.questions().forEach(q -> assertThat(paths.stream().anyMatch(p -> p.containsKey(q.id())))
                    .as(flow.id() + ": question " + q.id() + " is asked on some path").isTrue());
        }
    }

    // Hand-written expectations for the paths the audit and the issue name, independent of the fixtures.

    @Test
    void familyWithAChildMovingInFromAnotherCity() {
        assertThat(procedures("tennyu", "moved-from=domestic", "card=yes", "insurance=kokuho", "children=1",
                "ages=age20", "seal=no", "moved=2026-11-20"))
                .containsExactly("koseki-jumin=tennyu", "koseki-jumin=mynumber-jusho", "kokuho-nenkin=kokuho-kanyu",
                        "kosodate=jido-teate", "kosodate=kodomo-iryo");
    }

    @Test
    void elderlyCoupleMovingInFromAbroad() {
        assertThat(procedures("tennyu", "moved-from=abroad", "card=no", "insurance=only-elderly", "children=0",
                "ages=age75", "seal=yes", "moved=2026-11-20"))
                .containsExactly("koseki-jumin=tennyu", "koseki-jumin=inkan-toroku", "koki-korei=koki-shikaku",
                        "kaigo=kaigo-shikaku");
    }

    @Test
    void deathOfAnInsuredPensionerGoesThroughTheBereavementCorner() {
        assertThat(procedures("shibo", "filed=yes", "insurance=kokuho", "over65=yes", "pension=kokumin", "head=no",
                "child-allowance=no", "died=unknown"))
                .containsExactly("koseki-jumin=okuyami", "kokuho-nenkin=kokuho-dattai", "kokuho-nenkin=kokuho-kyufu",
                        "kaigo=kaigo-shikaku", "kokuho-nenkin=nenkin");
    }

    @Test
    void taxCertificatesGoToTwoDepartments() {
        assertThat(procedures("zeishomei", "kind=kazei", "kind=nozei", "resident=yes", "card=no"))
                .containsExactly("kazei=kazei-shomei", "nozei=nozei-shomei");
        assertThat(procedures("zeishomei", "kind=kazei", "resident=no")).isEmpty();
    }

    @Test
    void sealCertificateNeedsTheCard() {
        Flow flow = Flows.flow("inkan");
        List<OutcomeItem> items = flow.outcome(answers("registered=yes", "card=yes"));
        assertThat(items).extracting(OutcomeItem::id).containsExactly("shomei", "konbini");
        assertThat(items.get(0).bring()).contains("inkan-card");
        assertThat(items.get(0).fees()).containsExactly("inkan-shomei");
    }

    private static List<String> procedures(String flowId, String... answers) {
        Flow flow = Flows.flow(flowId);
        Map<String, List<String>> given = answers(answers);
        assertThat(flow.clean(given, TODAY)).as("answers are valid and complete").isEqualTo(given);
        assertThat(flow.firstOpen(given)).isEmpty();
        return flow.outcome(given).stream().filter(i -> i.procedure() != null)
                .map(i -> i.department() + "=" + i.procedure()).toList();
    }

    private static Map<String, List<String>> answers(String... pairs) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] kv = pair.split("=", 2);
            answers.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
        return answers;
    }
}

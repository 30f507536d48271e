package org.madoguchi.reception.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.madoguchi.platform.ItabashiPattern;
import org.madoguchi.reception.ItineraryStep;

class VisitorMixTest {

    private static final FloorMigration FLOOR = new FloorMigration();
    private final VisitorMix mix = new VisitorMix();

    @Test
    void theMigrationWasReadCompletely() {
        // Guards the parser: if the SQL layout changes, the checks below must not pass vacuously.
        assertThat(FLOOR.procedures).hasSizeGreaterThan(30).containsKeys("tennyu", "kokuho-kanyu", "jido-teate");
        assertThat(FLOOR.linkedDepartments).containsEntry("koseki-jumin", true).containsEntry("kazei", false);
        assertThat(FLOOR.counters).hasSize(31);
        assertThat(FLOOR.counters.get("honcho-32")).containsExactlyInAnyOrder("choju", "kaigo", "koki-korei");
    }

    @Test
    void everyProcedureExistsAndBelongsToItsStepsDepartment() {
        for (ItineraryStep step : mix.allSteps()) {
            assertThat(FLOOR.linkedDepartments).containsKey(step.departmentId());
            assertThat(step.procedureIds()).isNotEmpty();
            for (String p : step.procedureIds()) {
                assertThat(FLOOR.procedures).as("procedure %s", p).containsKey(p);
                assertThat(FLOOR.procedures.get(p).departmentId()).as("department of %s", p)
                        .isEqualTo(step.departmentId());
            }
        }
    }

    @Test
    void itinerariesRespectTheRulesTheReceptionServiceEnforces() {
        for (String first : mix.departments()) {
            for (VisitorMix.Kind kind : mix.kinds(first)) {
                List<ItineraryStep> itinerary = kind.itinerary();
                assertThat(itinerary.get(0).departmentId()).isEqualTo(first);
                Set<String> seen = new HashSet<>();
                itinerary.forEach(s -> assertThat(seen.add(s.departmentId())).as("duplicate %s", s).isTrue());
                if (itinerary.size() > 1) {
                    itinerary.forEach(s -> assertThat(FLOOR.linkedDepartments.get(s.departmentId()))
                            .as("%s on a multi-department ticket", s.departmentId()).isTrue());
                }
                if (kind.unplanned() != null) {
                    assertThat(FLOOR.linkedDepartments.get(kind.unplanned().departmentId())).isTrue();
                    assertThat(FLOOR.linkedDepartments.get(first)).isTrue();
                    assertThat(seen).doesNotContain(kind.unplanned().departmentId());
                    assertThat(kind.unplannedChance()).isBetween(0.01, 1.0);
                }
            }
        }
    }

    @Test
    void someVisitorsGoOnToAnotherDepartmentAndAFewHavePriority() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 20_000;
        int multi = 0;
        int unplanned = 0;
        Map<String, Integer> priorities = new HashMap<>();
        for (int i = 0; i < n; i++) {
            VisitorMix.Visitor v = mix.draw("koseki-jumin", random);
            if (v.itinerary().size() > 1) {
                multi++;
            }
            if (v.unplanned() != null) {
                unplanned++;
            }
            priorities.merge(v.priorityClass(), 1, Integer::sum);
        }
        assertThat(multi / (double) n).isBetween(0.03, 0.20);
        assertThat(unplanned).isPositive();
        assertThat(priorities.get("GENERAL") / (double) n).isGreaterThan(0.85);
        assertThat(priorities).containsKeys("PREGNANT", "DISABILITY", "ELDERLY");

        int elderly = 0;
        for (int i = 0; i < n; i++) {
            if (mix.draw("koki-korei", random).priorityClass().equals("ELDERLY")) {
                elderly++;
            }
        }
        // Far more of the elderly-care visitors ask for the elderly priority than at 戸籍住民課.
        assertThat(elderly / (double) n).isGreaterThan(priorities.get("ELDERLY") / (double) n * 3);
    }

    @Test
    void handOversFollowTheWardsSharePerDepartment() {
        for (String first : mix.departments()) {
            assertThat(mix.handOverChance(first)).as(first)
                    .isCloseTo(ItabashiPattern.handOverShare(first), org.assertj.core.data.Offset.offset(0.005));
        }
        assertThat(mix.handOverChance("koseki-jumin")).isGreaterThan(0.05);
        assertThat(mix.handOverChance("kazei")).isZero();
    }

    @Test
    void expectedWorkFollowsTypicalMinutes() {
        Map<String, Double> work = mix.expectedWorkMinutes("kosodate", FLOOR.typicalMinutes(), 0);
        // 45% 児童手当 (15), 35% 医療証 (10), 20% 現況届 (15); a few go on to 国保年金課 (加入, 10).
        assertThat(work).containsOnlyKeys("kosodate", "kokuho-nenkin");
        assertThat(work.get("kosodate")).isCloseTo(0.45 * 15 + 0.35 * 10 + 0.20 * 15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(work.get("kokuho-nenkin")).isCloseTo((0.45 * 0.02 + 0.35 * 0.06) * 10, org.assertj.core.data.Offset.offset(1e-9));
        // A minute per visit for calling and walking up.
        assertThat(mix.expectedWorkMinutes("kosodate", FLOOR.typicalMinutes(), 1).get("kosodate"))
                .isCloseTo(work.get("kosodate") + 1, org.assertj.core.data.Offset.offset(1e-9));
        Map<String, Double> koseki = mix.expectedWorkMinutes("koseki-jumin", FLOOR.typicalMinutes(), 0);
        assertThat(koseki).containsKeys("koseki-jumin", "kokuho-nenkin", "kosodate", "koki-korei", "kaigo");
        assertThat(koseki.get("koseki-jumin")).isGreaterThan(koseki.get("kokuho-nenkin") * 5);
    }
}

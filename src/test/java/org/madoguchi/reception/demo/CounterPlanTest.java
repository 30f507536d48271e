package org.madoguchi.reception.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CounterPlanTest {

    private static final FloorMigration FLOOR = new FloorMigration();
    private final ArrivalModel model = new ArrivalModel();
    private final VisitorMix mix = new VisitorMix();

    private CounterPlan plan(double volume) {
        return CounterPlan.of(FLOOR.counters, FLOOR.typicalMinutes(), model, mix, volume);
    }

    @Test
    void theSharedElderlyCountersFormOneGroup() {
        CounterPlan plan = plan(1.0);
        CounterPlan.Group elderly = group(plan, "kaigo");
        assertThat(elderly.departmentIds()).containsExactlyInAnyOrder("choju", "kaigo", "koki-korei");
        assertThat(elderly.counterIds()).containsExactly("honcho-31", "honcho-32", "honcho-33", "honcho-34");
        assertThat(plan.groups()).hasSize(8);
    }

    @Test
    void kosekiJuminUsesEveryCounterAndIsTrimmedToWhatTheyCarry() {
        CounterPlan plan = plan(1.0);
        CounterPlan.Group koseki = group(plan, "koseki-jumin");
        assertThat(koseki.open()).isEqualTo(8);
        // Eight counters cannot serve ~1,800 tickets of a March Monday at the typical minutes: a share is sent.
        assertThat(plan.share("koseki-jumin")).isBetween(0.05, 0.5);
        assertThat(koseki.peakLoad()).isCloseTo(CounterPlan.BUSY_PEAK_UTILISATION, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void queuesBuildAtThePeakWhereTheWardWaitsLongestAndStayShortElsewhere() {
        CounterPlan plan = plan(1.0);
        for (CounterPlan.Group g : plan.groups()) {
            boolean longest = g.departmentIds().contains("koseki-jumin") || g.departmentIds().contains("kokuho-nenkin");
            if (longest) {
                // Work arrives faster than the counters clear it through the busiest quarter hour.
                assertThat(g.peakLoad()).as("%s", g.departmentIds()).isGreaterThan(1.0);
            } else {
                assertThat(g.peakLoad()).as("%s", g.departmentIds()).isLessThan(1.0);
            }
        }
        // The elderly counters are busy too: the shared counter is in use all day.
        assertThat(group(plan, "kaigo").peakLoad()).isGreaterThan(0.8);
    }

    @Test
    void everyGroupOpensAtLeastOneCounterAndStaysWithinItsTarget() {
        CounterPlan plan = plan(1.0);
        for (CounterPlan.Group g : plan.groups()) {
            assertThat(g.open()).as("%s", g.departmentIds()).isBetween(1, g.counterIds().size());
            assertThat(g.peakWorkload()).as("%s", g.departmentIds())
                    .isLessThanOrEqualTo(g.open() * CounterPlan.peakUtilisation(g.departmentIds()) * 1.001);
        }
        assertThat(plan.countersToOpen()).doesNotHaveDuplicates()
                .hasSize(plan.groups().stream().mapToInt(CounterPlan.Group::open).sum());
    }

    @Test
    void aSmallerVolumeNeedsFewerCountersAndNoTrimming() {
        CounterPlan small = plan(0.05);
        assertThat(small.share("kosodate")).isEqualTo(0.05);
        assertThat(small.countersToOpen().size()).isLessThan(plan(1.0).countersToOpen().size());
        assertThat(plan(0).share("koseki-jumin")).isZero();
    }

    private static CounterPlan.Group group(CounterPlan plan, String department) {
        return plan.groups().stream().filter(g -> g.departmentIds().contains(department)).findFirst().orElseThrow();
    }

    @Test
    void departmentsWithoutCountersGetNoVisitors() {
        CounterPlan plan = CounterPlan.of(java.util.Map.of("x-1", Set.of("kosodate")), FLOOR.typicalMinutes(),
                model, mix, 1.0);
        assertThat(plan.share("koseki-jumin")).isZero();
        assertThat(plan.share("kosodate")).isPositive();
    }
}

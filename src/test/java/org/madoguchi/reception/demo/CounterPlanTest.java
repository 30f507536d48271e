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
        // Eight counters cannot serve ~990 tickets a day at the typical minutes, so only a share is sent.
        assertThat(plan.share("koseki-jumin")).isBetween(0.1, 0.6);
        assertThat(koseki.peakWorkload()).isLessThanOrEqualTo(8 * CounterPlan.TARGET_UTILISATION * 1.001);
    }

    @Test
    void everyGroupOpensAtLeastOneCounterAndStaysWithinItsCapacity() {
        CounterPlan plan = plan(1.0);
        for (CounterPlan.Group g : plan.groups()) {
            assertThat(g.open()).as("%s", g.departmentIds()).isBetween(1, g.counterIds().size());
            assertThat(g.peakWorkload()).as("%s", g.departmentIds())
                    .isLessThanOrEqualTo(g.open() * CounterPlan.TARGET_UTILISATION * 1.001);
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

package org.madoguchi.reception;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code madoguchi_visit_wait_seconds}: how long each called visitor waited at the department (queued to called),
 * recorded on the node where the counter called, once the call is committed, so that summing over nodes counts
 * each call once. Tags are the office and department ids, fixed sets; never a ticket or a person. The buckets are
 * minutes a floor manager talks in, up to the afternoon's longest waits.
 */
@Component
class VisitWaits {

    private static final Duration[] BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(45),
            Duration.ofMinutes(60), Duration.ofMinutes(90), Duration.ofMinutes(120), Duration.ofMinutes(180)};

    private final MeterRegistry registry;

    VisitWaits(MeterRegistry registry) {
        this.registry = registry;
    }

    void called(String officeId, String departmentId, Duration waited) {
        Timer timer = Timer.builder("madoguchi.visit.wait")
                .description("Wait from joining a department's queue to being called, per call")
                .tags("office", officeId, "department", departmentId)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        Duration wait = waited.isNegative() ? Duration.ZERO : waited;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    timer.record(wait);
                }
            });
        } else {
            timer.record(wait);
        }
    }
}

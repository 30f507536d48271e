package org.madoguchi.reception.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.madoguchi.platform.DatabaseSamples;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.live.LiveEventHub;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Queue gauges per office and department, read from the public office summary (the one the live pages show) at
 * most once per {@code madoguchi.metrics.queue-refresh} per office, however many scrapers ask. Offices and
 * departments change only through migrations, so the set of series is fixed at start. Also the number of office
 * event streams (staff screens and boards) open on this node.
 */
@Component
class QueueGauges implements MeterBinder {

    private final FloorDirectory floors;
    private final ReceptionService reception;
    private final DatabaseSamples samples;
    private final LiveEventHub hub;
    private final Duration refresh;

    QueueGauges(FloorDirectory floors, ReceptionService reception, DatabaseSamples samples, LiveEventHub hub,
                @Value("${madoguchi.metrics.queue-refresh:PT5S}") Duration refresh) {
        this.floors = floors;
        this.reception = reception;
        this.samples = samples;
        this.hub = hub;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Floor.Office office : floors.offices()) {
            DatabaseSamples.Sample<OfficeSummary> summary = samples.every(refresh, () -> reception.summary(office.id()));
            for (Floor.Department department : floors.floor(office.id()).departments()) {
                gauge(registry, "madoguchi.queue.waiting", "Visitors waiting at the department", null, office,
                        department, summary, d -> d.waiting());
                gauge(registry, "madoguchi.queue.longest.wait", "How long the longest-waiting visitor has waited",
                        "seconds", office, department, summary,
                        d -> d.longestWaitSeconds() == null ? 0 : d.longestWaitSeconds());
            }
        }
        Gauge.builder("madoguchi.stream.subscribers", hub, LiveEventHub::subscriberCount)
                .description("Open live streams on this node").tag("stream", "office-events").register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String unit, Floor.Office office,
                              Floor.Department department, DatabaseSamples.Sample<OfficeSummary> summary,
                              ToDoubleFunction<OfficeSummary.Department> value) {
        Gauge.builder(name, summary, s -> of(s.get(), department.id()).map(value::applyAsDouble).orElse(Double.NaN))
                // The sample is held by its gauges alone; Micrometer would otherwise keep only a weak reference.
                .strongReference(true).description(description).baseUnit(unit)
                .tags("office", office.id(), "department", department.id()).register(registry);
    }

    private static Optional<OfficeSummary.Department> of(Optional<OfficeSummary> summary, String departmentId) {
        return summary.flatMap(s -> s.departments().stream().filter(d -> d.id().equals(departmentId)).findFirst());
    }
}

package org.madoguchi.navigator.plan;

import java.util.List;
import java.util.Optional;
import org.madoguchi.navigator.NavigatorUsage;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.PlainPlanCodes;
import org.madoguchi.reception.VisitPlanResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Resolves the navigator's short codes (N + 6) and counts each use that issued a ticket. It is asked before the plain MDG1 resolver
 * so that a scanned MDG1 code the navigator produced is counted for its flow too; the itinerary is the same
 * either way, and MDG1 codes the navigator never produced are left to {@link PlainPlanCodes}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NavigatorPlanResolver implements VisitPlanResolver {

    private final ShortCodes codes;
    private final NavigatorUsage usage;
    private final PlainPlanCodes plain;

    NavigatorPlanResolver(ShortCodes codes, NavigatorUsage usage, PlainPlanCodes plain) {
        this.codes = codes;
        this.usage = usage;
        this.plain = plain;
    }

    @Override
    public Optional<List<ItineraryStep>> resolve(String code) {
        return entry(code).flatMap(entry -> plain.resolve(entry.plan()));
    }

    /** Counted once the ticket exists: a display device's refused scan is no scan. */
    @Override
    public void issued(String code) {
        entry(code).ifPresent(entry -> usage.count(entry.flowId(), NavigatorUsage.Measure.SCANNED));
    }

    private Optional<ShortCodes.Entry> entry(String code) {
        if (code == null || code.length() > 1000) {
            return Optional.empty();
        }
        return code.trim().toUpperCase().startsWith("MDG1:") ? codes.findByPlan(code.trim()) : codes.find(code);
    }
}

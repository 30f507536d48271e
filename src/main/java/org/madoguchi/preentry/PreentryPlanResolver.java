package org.madoguchi.preentry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.PlainPlanCodes;
import org.madoguchi.reception.VisitPlanResolver;
import org.springframework.stereotype.Component;

/**
 * The pre-entry QR code (or its short code) at the kiosk: the ticket covers the whole plan the resident came
 * from, or, without a plan, the departments of the procedures chosen. Each read that issued a ticket is in
 * the access log.
 */
@Component
class PreentryPlanResolver implements VisitPlanResolver {

    private final Preentries preentries;
    private final PlainPlanCodes plainPlans;
    private final FloorDirectory floors;
    private final PreentryProperties properties;
    private final CurrentActor currentActor;

    PreentryPlanResolver(Preentries preentries, PlainPlanCodes plainPlans, FloorDirectory floors,
                         PreentryProperties properties, CurrentActor currentActor) {
        this.preentries = preentries;
        this.plainPlans = plainPlans;
        this.floors = floors;
        this.properties = properties;
        this.currentActor = currentActor;
    }

    @Override
    public Optional<List<ItineraryStep>> resolve(String code) {
        return preentries.byCode(code).map(entry -> itinerary(entry.draft()));
    }

    /** The scan is logged and counted once the ticket exists: a display device's refused read is no scan. */
    @Override
    public void issued(String code) {
        preentries.byCode(code).ifPresent(entry -> preentries.scanned(entry.id(), actorOrNull()));
    }

    private Actor actorOrNull() {
        try {
            return currentActor.get();
        } catch (ProblemException noOneSignedIn) {
            return null;
        }
    }

    List<ItineraryStep> itinerary(Draft draft) {
        if (draft.plan() != null && !draft.plan().isBlank()) {
            Optional<List<ItineraryStep>> planned = plainPlans.resolve(draft.plan());
            if (planned.isPresent() && !planned.get().isEmpty()) {
                return planned.get();
            }
        }
        Map<String, List<String>> byDepartment = new LinkedHashMap<>();
        var floor = floors.floor(properties.officeId());
        for (String procedure : draft.procedures()) {
            floor.procedure(procedure).ifPresent(p ->
                    byDepartment.computeIfAbsent(p.departmentId(), d -> new ArrayList<>()).add(p.id()));
        }
        return byDepartment.entrySet().stream().map(e -> new ItineraryStep(e.getKey(), e.getValue())).toList();
    }
}

package org.madoguchi.reception;

import java.util.List;
import java.util.Optional;

/**
 * Turns a scanned or typed plan code into an itinerary. The procedure navigator and pre-entry each
 * contribute one (their codes carry no personal data); the kiosk and the first counter try them all.
 */
public interface VisitPlanResolver {

    /** The itinerary for {@code code}, or empty when the code is not one of this resolver's. Counts nothing. */
    Optional<List<ItineraryStep>> resolve(String code);

    /**
     * A new ticket was issued from {@code code}, which this resolver resolved: the place to count a use. A
     * request that was refused (a display device, another office's kiosk) or failed, or a replay, is no use.
     */
    default void issued(String code) {
    }
}

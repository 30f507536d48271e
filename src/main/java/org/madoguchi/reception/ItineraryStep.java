package org.madoguchi.reception;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** One department of an itinerary with the procedures booked there (none means "to be decided at the counter"). */
public record ItineraryStep(@NotBlank @Size(max = 64) String departmentId, @Size(max = 30) List<@NotBlank String> procedureIds) {
    public ItineraryStep {
        procedureIds = procedureIds == null ? List.of() : List.copyOf(procedureIds);
    }
}

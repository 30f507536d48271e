package org.madoguchi.preentry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ItineraryStep;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Where a resident takes the finished pre-entry: the departments its ticket will cover, named from the floor
 * configuration (reception.office and reception.department), the one place every screen takes the building,
 * floor and department names from.
 */
@Component
class PreentryPlaces {

    private static final Pattern FLOOR_NUMBER = Pattern.compile("(\\d+)階");

    private final PreentryPlanResolver plans;
    private final FloorDirectory floors;
    private final MessageSource messages;

    PreentryPlaces(PreentryPlanResolver plans, FloorDirectory floors, MessageSource messages) {
        this.plans = plans;
        this.floors = floors;
        this.messages = messages;
    }

    /** One department: the building, its floor and the department, in the page's language. */
    record Place(String office, String floor, String department) {
    }

    List<Place> of(Draft draft, Locale locale) {
        boolean japanese = "ja".equals(locale.getLanguage());
        List<Place> places = new ArrayList<>();
        for (ItineraryStep step : plans.itinerary(draft)) {
            Optional<Floor> floor = floorOf(step.departmentId());
            Optional<Floor.Department> department = floor.flatMap(f -> f.department(step.departmentId()));
            if (floor.isEmpty() || department.isEmpty()) {
                continue;
            }
            Floor.Office office = floor.get().office();
            Floor.Department d = department.get();
            places.add(new Place(japanese ? office.nameJa() : office.nameEn() + "（" + office.nameJa() + "）",
                    floorLabel(d.floor(), locale),
                    japanese ? d.nameJa() : d.nameEn() + "（" + d.nameJa() + "）"));
        }
        return places;
    }

    private Optional<Floor> floorOf(String departmentId) {
        try {
            return Optional.of(floors.floorOfDepartment(departmentId));
        } catch (ProblemException unknown) {
            // A plan made before a department was removed: the ticket machine explains it at the office.
            return Optional.empty();
        }
    }

    /** 「1階」 as the configuration writes it, or "Floor 1", "1楼", "1층" in the other languages. */
    private String floorLabel(String floor, Locale locale) {
        Matcher m = FLOOR_NUMBER.matcher(floor == null ? "" : floor.strip());
        if (!m.matches()) {
            return floor == null ? "" : floor;
        }
        return messages.getMessage("preentry.done.floor", new Object[] {m.group(1)}, floor, locale);
    }
}

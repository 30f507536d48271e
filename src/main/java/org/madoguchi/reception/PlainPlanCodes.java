package org.madoguchi.reception;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The plain plan code: the itinerary itself, readable and free of personal data, e.g.
 * {@code MDG1:koseki-jumin=tennyu+inkan-toroku/kokuho-nenkin=kokuho-kanyu}. Any printed guide or web page
 * can produce it as a QR code without a server round trip.
 */
@Component
public class PlainPlanCodes implements VisitPlanResolver {

    static final String PREFIX = "MDG1:";

    public static String encode(List<ItineraryStep> itinerary) {
        StringBuilder code = new StringBuilder(PREFIX);
        for (int i = 0; i < itinerary.size(); i++) {
            ItineraryStep step = itinerary.get(i);
            code.append(i == 0 ? "" : "/").append(step.departmentId());
            if (!step.procedureIds().isEmpty()) {
                code.append('=').append(String.join("+", step.procedureIds()));
            }
        }
        return code.toString();
    }

    @Override
    public Optional<List<ItineraryStep>> resolve(String code) {
        if (code == null || !code.trim().toUpperCase().startsWith(PREFIX) || code.length() > 1000) {
            return Optional.empty();
        }
        List<ItineraryStep> steps = new ArrayList<>();
        for (String part : code.trim().substring(PREFIX.length()).split("/")) {
            if (part.isBlank()) {
                continue;
            }
            String[] departmentAndProcedures = part.split("=", 2);
            List<String> procedures = departmentAndProcedures.length < 2 ? List.of()
                    : Arrays.stream(departmentAndProcedures[1].split("\\+")).filter(p -> !p.isBlank()).toList();
            steps.add(new ItineraryStep(departmentAndProcedures[0].trim(), procedures));
        }
        return Optional.of(steps);
    }
}

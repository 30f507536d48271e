package org.madoguchi.statistics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.madoguchi.reception.ProcedureFrequencies;
import org.springframework.stereotype.Component;

/** The kiosk's procedure order from the per-procedure rollups (live, imported and generated visits alike). */
@Component
class ProcedureFrequenciesFromRollups implements ProcedureFrequencies {

    private final StatisticsRollups rollups;

    ProcedureFrequenciesFromRollups(StatisticsRollups rollups) {
        this.rollups = rollups;
    }

    @Override
    public Map<String, Long> lastYear(String officeId, LocalDate today) {
        Map<String, Long> counts = new HashMap<>();
        rollups.byProcedure(officeId, null, today.minusYears(1), today).forEach((procedure, totals) -> {
            // '' stands for visits with no procedure recorded.
            if (!procedure.isEmpty() && totals.visits() > 0) {
                counts.put(procedure, totals.visits());
            }
        });
        return counts;
    }
}

package org.madoguchi.reception;

import java.time.LocalDate;
import java.util.Map;

/**
 * How often visitors' tickets named each procedure over the past year, so that the kiosk can offer the usual ones
 * first. Reception keeps no history of its own: the statistics module, which copies every finished visit, answers.
 * Counts only, no personal data.
 */
public interface ProcedureFrequencies {

    /** Procedure id to the number of visits that named it in the year up to {@code today}; empty when none recorded. */
    Map<String, Long> lastYear(String officeId, LocalDate today);
}

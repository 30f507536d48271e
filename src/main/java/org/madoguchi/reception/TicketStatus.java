package org.madoguchi.reception;

import java.time.Instant;
import java.util.List;

/**
 * What the visitor sees through the token on their ticket: no ids, no names, only numbers and places.
 * {@code position} counts the visits ahead in the department's queue and {@code waitMinutes} estimates the
 * wait from it (only while waiting).
 */
public record TicketStatus(int number, String officeId, String status, Instant issuedAt, List<Step> steps) {

    public record Step(String departmentId, String departmentNameJa, String departmentNameEn, String floor,
                       String area, VisitStatus status, Integer position, Integer waitMinutes,
                       String counterLabelJa, String counterLabelEn) {
    }
}

package org.madoguchi.liveinfo;

import java.time.Instant;
import java.util.List;
import org.madoguchi.reception.OpeningState;

/**
 * The public picture of an office, as every viewer gets it: queue lengths, the numbers being called and an
 * estimated wait per department. Numbers and counters only, never a person.
 *
 * @param version the last reception event included; it only grows
 * @param updatesPaused the database is away: these figures stay as they were until a status without this flag
 * @param opening whether the office accepts visitors now; when not, no department is "空いています"
 */
public record OfficeStatus(String officeId, String officeNameJa, String officeNameEn, Instant asOf, long version,
                           List<Department> departments, boolean updatesPaused, OpeningState opening) {

    /** The same figures, marked as no longer being updated; built without the database. */
    public OfficeStatus paused() {
        return new OfficeStatus(officeId, officeNameJa, officeNameEn, asOf, version, departments, true, opening);
    }

    /** @param waitMinutes the estimated wait for someone who takes a ticket now */
    public record Department(String id, String nameJa, String nameEn, String floor, String area, int waiting,
                             int atCounter, int waitMinutes, CongestionLevel congestion, List<Call> calling) {
    }

    /** @param counterNumber the counter's number when its label has one (11 for 11番窓口), for other languages */
    public record Call(int number, String counterId, String counterLabelJa, String counterLabelEn,
                       Integer counterNumber, Instant calledAt) {
    }
}

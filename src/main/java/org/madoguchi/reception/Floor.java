package org.madoguchi.reception;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An office's configuration: departments, counters, procedures and priority classes. No personal data. */
public record Floor(Office office, List<Department> departments, List<CounterGroup> counterGroups,
                    List<Counter> counters, List<Procedure> procedures, List<PriorityClass> priorityClasses) {

    public record Office(String id, String nameJa, String nameEn, String timeZone, LocalTime opensAt,
                         LocalTime closesAt, boolean autoClose) {
    }

    public record Department(String id, String nameJa, String nameEn, String floor, String area, boolean linked,
                             int sortOrder) {
    }

    public record CounterGroup(String id, String nameJa, String nameEn, boolean staffRotate) {
    }

    public record Counter(String id, String counterGroupId, String labelJa, String labelEn, Set<String> departmentIds) {
    }

    public record Procedure(String id, String departmentId, String sectionId, String nameJa, String nameEn,
                            int typicalMinutes) {
    }

    public record PriorityClass(String id, int rank, String nameJa, String nameEn) {
    }

    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Counter> counter(String id) {
        return counters.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Procedure> procedure(String id) {
        return procedures.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<PriorityClass> priorityClass(String id) {
        return priorityClasses.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public boolean staffRotates(Counter counter) {
        return counter.counterGroupId() != null && counterGroups.stream()
                .anyMatch(g -> g.id().equals(counter.counterGroupId()) && g.staffRotate());
    }
}

package org.madoguchi.statistics;

import java.util.HashMap;
import java.util.Map;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;

/**
 * The Japanese names of every office's departments, counters, procedures and priority classes, read once per
 * export. An id no longer on the floor (a counter removed since) is written as it is.
 */
final class FloorNames {

    final Map<String, String> departments = new HashMap<>();
    final Map<String, String> counters = new HashMap<>();
    final Map<String, String> procedures = new HashMap<>();
    final Map<String, String> priorities = new HashMap<>();

    static FloorNames of(FloorDirectory floors) {
        FloorNames names = new FloorNames();
        for (Floor.Office office : floors.offices()) {
            Floor floor = floors.floor(office.id());
            floor.departments().forEach(d -> names.departments.put(d.id(), d.nameJa()));
            floor.counters().forEach(c -> names.counters.put(c.id(), c.labelJa()));
            floor.procedures().forEach(p -> names.procedures.put(p.id(), p.nameJa()));
            floor.priorityClasses().forEach(p -> names.priorities.put(p.id(), p.nameJa()));
        }
        return names;
    }

    private FloorNames() {
    }

    String department(String id) {
        return name(departments, id);
    }

    String counter(String id) {
        return name(counters, id);
    }

    String procedure(String id) {
        return name(procedures, id);
    }

    String priority(String id) {
        return name(priorities, id);
    }

    /** Empty for no id. */
    private static String name(Map<String, String> names, String id) {
        return id == null ? "" : names.getOrDefault(id, id);
    }
}

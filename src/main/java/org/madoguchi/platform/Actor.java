package org.madoguchi.platform;

import java.util.Set;

/**
 * Who performs an operation: a signed-in staff member, a device, or the system itself. Every
 * transition in the event log names its actor, so this is the one type all modules pass around.
 */
public record Actor(Role role, Long staffId, Long deviceId, String officeId, Set<String> departments) {

    /** METRICS is a monitoring scraper's device token: it reads /actuator/prometheus and never acts. */
    public enum Role { ADMIN, MANAGER, STAFF, KIOSK, DISPLAY, SYSTEM, METRICS }

    public Actor {
        departments = departments == null ? Set.of() : Set.copyOf(departments);
    }

    public static Actor system() {
        return new Actor(Role.SYSTEM, null, null, null, Set.of());
    }

    public static Actor staff(long staffId, Role role, Set<String> departments) {
        return new Actor(role, staffId, null, null, departments);
    }

    public static Actor device(long deviceId, Role role, String officeId) {
        return new Actor(role, null, deviceId, officeId, Set.of());
    }

    /** Administrators, managers and the system itself may act for any department. */
    public boolean actsForAllDepartments() {
        return role == Role.ADMIN || role == Role.MANAGER || role == Role.SYSTEM;
    }

    public boolean mayActFor(String departmentId) {
        return actsForAllDepartments() || (role == Role.STAFF && departments.contains(departmentId));
    }

    public boolean isStaff() {
        return role == Role.ADMIN || role == Role.MANAGER || role == Role.STAFF;
    }
}

package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.DepartmentCatalog;
import org.madoguchi.platform.ProblemException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Everything /admin shows: accounts, devices, sessions and the newest audit-log entries. Both admin page
 * controllers render it, after a GET and again with the refusal message when an action is refused.
 */
@Component
class AdminPage {

    static final String VIEW = "admin/index";
    static final int AUDIT_ENTRIES = 100;

    /** What the account form holds, kept when the form is refused (the password never is). */
    record StaffForm(String login, String displayName, Actor.Role role, Set<String> departments,
                     boolean mustChangePassword) {
        static StaffForm empty() {
            return new StaffForm("", "", Actor.Role.STAFF, Set.of(), true);
        }
    }

    record DeviceForm(String name, Actor.Role kind, String officeId) {
        static DeviceForm empty() {
            return new DeviceForm("", Actor.Role.KIOSK, "");
        }
    }

    private final Accounts accounts;
    private final StaffSessions sessions;
    private final StaffAdministration administration;
    private final DepartmentCatalog catalog;
    private final CurrentActor actor;

    AdminPage(Accounts accounts, StaffSessions sessions, StaffAdministration administration, DepartmentCatalog catalog,
              CurrentActor actor) {
        this.actor = actor;
        this.accounts = accounts;
        this.sessions = sessions;
        this.administration = administration;
        this.catalog = catalog;
    }

    /** A role or device kind from a form; an unknown one is left for the service to refuse, as the API does. */
    static Actor.Role roleOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Actor.Role.valueOf(value);
        } catch (IllegalArgumentException e) {
            return Actor.Role.SYSTEM;
        }
    }

    String render(HttpServletRequest request, Model model) {
        HttpSession current = request.getSession(false);
        var staff = accounts.listStaff();
        Map<Long, String> logins = new LinkedHashMap<>();
        staff.forEach(s -> logins.put(s.id(), s.login()));
        Map<String, String> departments = new LinkedHashMap<>();
        catalog.departments().forEach(d -> departments.put(d.id(), d.nameJa()));
        Map<String, String> offices = new LinkedHashMap<>();
        catalog.officeEntries().forEach(o -> offices.put(o.id(), o.nameJa()));
        Map<Long, String> departmentsOf = new LinkedHashMap<>();
        // Listed in floor order, and "すべて" for roles that act for every department.
        staff.forEach(s -> departmentsOf.put(s.id(), s.departments().isEmpty() ? "すべて"
                : String.join("、", departments.entrySet().stream().filter(d -> s.departments().contains(d.getKey()))
                        .map(Map.Entry::getValue).toList())));
        model.addAttribute("staff", staff);
        model.addAttribute("departmentsOf", departmentsOf);
        model.addAttribute("myId", actor.get().staffId());
        model.addAttribute("logins", logins);
        model.addAttribute("departments", departments);
        model.addAttribute("offices", offices);
        model.addAttribute("devices", accounts.listDevices());
        model.addAttribute("sessions", sessions.list(null, current == null ? null : current.getId()));
        model.addAttribute("audit", administration.auditLog(AUDIT_ENTRIES));
        model.addAttribute("roles", new Actor.Role[] {Actor.Role.STAFF, Actor.Role.MANAGER, Actor.Role.ADMIN});
        model.addAttribute("kinds", new Actor.Role[] {Actor.Role.KIOSK, Actor.Role.DISPLAY, Actor.Role.METRICS});
        if (!model.containsAttribute("staffForm")) {
            model.addAttribute("staffForm", StaffForm.empty());
        }
        if (!model.containsAttribute("deviceForm")) {
            model.addAttribute("deviceForm", DeviceForm.empty());
        }
        return VIEW;
    }

    /** The page again, with the refusal in Japanese and its status (4xx), keeping what the forms held. */
    String refuse(ProblemException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("error", e.getMessage());
        return render(request, model);
    }
}

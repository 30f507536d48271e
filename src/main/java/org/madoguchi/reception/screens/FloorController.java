package org.madoguchi.reception.screens;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.time.format.DateTimeFormatter;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.BackupStatus;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.FloorStatus;
import org.madoguchi.reception.FloorStatusService;
import org.madoguchi.reception.OfficeHours;
import org.madoguchi.reception.OpeningText;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The floor manager's overview (フロアマネージャー画面) and the API behind it. */
@Controller
class FloorController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final FloorStatusService floorStatus;
    private final FloorDirectory floors;
    private final CurrentActor actor;
    private final BackupStatus backups;
    private final MessageSource messages;
    private final OfficeHours hours;

    FloorController(FloorStatusService floorStatus, FloorDirectory floors, CurrentActor actor, BackupStatus backups,
                    MessageSource messages, OfficeHours hours) {
        this.hours = hours;
        this.floorStatus = floorStatus;
        this.floors = floors;
        this.actor = actor;
        this.backups = backups;
        this.messages = messages;
    }

    @GetMapping("/floor")
    String floor(@RequestParam(required = false) String office, Model model, Locale locale) {
        String officeId = ScreenOffice.resolve(requireManager(), office);
        Floor.Office shown = floors.floor(officeId).office();
        FloorStatus status = floorStatus.status(officeId);
        model.addAttribute("office", shown);
        model.addAttribute("offices", floors.offices());
        model.addAttribute("status", status);
        model.addAttribute("updatedAt", TIME.format(status.asOf().atZone(ZoneId.of(shown.timeZone()))));
        model.addAttribute("backupWarning", backupWarning(locale));
        model.addAttribute("opening", OpeningText.of(hours.now(officeId), messages, locale));
        return "floor";
    }

    /** The page asks again now and then: it stays open all day, and the nightly backup runs while it is open. */
    @GetMapping("/floor/backup-warning")
    @ResponseBody
    Map<String, String> backupWarningJson(Locale locale) {
        requireManager();
        String warning = backupWarning(locale);
        return Map.of("warning", warning == null ? "" : warning);
    }

    /** Managers are the ones on the floor every day; a failing backup would otherwise go unnoticed. */
    private String backupWarning(Locale locale) {
        return backups.overdue().map(o -> o.hoursSinceNewest() == null
                ? messages.getMessage("floor.backupNone", null, locale)
                : messages.getMessage("floor.backupOverdue", new Object[] {o.hoursSinceNewest()}, locale)).orElse(null);
    }

    @GetMapping("/api/v1/offices/{officeId}/floor-status")
    @ResponseBody
    FloorStatus status(@PathVariable String officeId) {
        requireManager();
        return floorStatus.status(officeId);
    }

    /** Waits, absences and staffing are for managing the floor, not for counter staff or devices. */
    private Actor requireManager() {
        Actor current = actor.get();
        if (current.role() != Actor.Role.MANAGER && current.role() != Actor.Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "フロア状況は管理者とフロアマネージャーのみ閲覧できます。");
        }
        return current;
    }
}

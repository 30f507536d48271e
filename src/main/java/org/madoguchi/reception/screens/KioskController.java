package org.madoguchi.reception.screens;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.OfficeHours;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.OpeningText;
import org.madoguchi.reception.ReceptionService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The ticket kiosk (発券機) and the ticket it prints. */
@Controller
class KioskController {

    private final FloorDirectory floors;
    private final ReceptionService reception;
    private final CurrentActor actor;
    private final PrintedTicket printedTicket;
    private final JsonMapper json;
    private final OfficeHours hours;
    private final MessageSource messages;
    private final KioskProcedureOrder procedureOrder;

    KioskController(FloorDirectory floors, ReceptionService reception, CurrentActor actor,
                    PrintedTicket printedTicket, JsonMapper json, OfficeHours hours, MessageSource messages,
                    KioskProcedureOrder procedureOrder) {
        this.hours = hours;
        this.messages = messages;
        this.floors = floors;
        this.reception = reception;
        this.actor = actor;
        this.printedTicket = printedTicket;
        this.json = json;
        this.procedureOrder = procedureOrder;
    }

    @GetMapping("/kiosk")
    String kiosk(@RequestParam(required = false) String office, Locale locale, Model model) {
        Actor who = actor.get();
        String officeId = who.role() == Actor.Role.KIOSK ? who.officeId() : (office == null ? "honcho" : office);
        Floor floor = floors.floor(officeId);
        OfficeSummary summary = reception.summary(officeId);
        Map<String, Integer> waiting = summary.departments().stream()
                .collect(Collectors.toMap(OfficeSummary.Department::id, OfficeSummary.Department::waiting));
        model.addAttribute("floor", floor);
        // Not accepting (closed, before opening, a holiday): the kiosk says so at once, with nothing to choose.
        model.addAttribute("opening", OpeningText.of(hours.now(officeId), messages, locale));
        model.addAttribute("waiting", waiting);
        model.addAttribute("linked", floor.departments().stream().filter(Floor.Department::linked).toList());
        model.addAttribute("other", floor.departments().stream().filter(d -> !d.linked()).toList());
        boolean japanese = "ja".equals(locale.getLanguage());
        Map<String, List<Map<String, String>>> procedures = new LinkedHashMap<>();
        for (Floor.Procedure p : procedureOrder.order(floor)) {
            procedures.computeIfAbsent(p.departmentId(), k -> new ArrayList<>())
                    .add(Map.of("id", p.id(), "name", japanese ? p.nameJa() : p.nameEn()));
        }
        model.addAttribute("procedures", json.writeValueAsString(procedures));
        return "kiosk";
    }

    @GetMapping("/kiosk/tickets/{token}")
    String ticket(@PathVariable String token, @RequestParam(defaultValue = "receipt") String paper,
                  @RequestParam(required = false) String print, HttpServletRequest request, Model model) {
        return printedTicket.fill(model, token, paper, print != null, "/kiosk", request);
    }
}

package org.madoguchi.reception.screens;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.OfficeHours;
import org.madoguchi.reception.OpeningState;
import org.madoguchi.reception.OpeningText;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/** The counter console (窓口端末): choose a counter, then call and serve visitors there. */
@Controller
class ConsoleController {

    private final FloorDirectory floors;
    private final CurrentActor actor;
    private final JsonMapper json;
    private final PrintedTicket printedTicket;
    private final OfficeHours hours;
    private final MessageSource messages;

    ConsoleController(FloorDirectory floors, CurrentActor actor, JsonMapper json, PrintedTicket printedTicket,
                      OfficeHours hours, MessageSource messages) {
        this.hours = hours;
        this.messages = messages;
        this.floors = floors;
        this.actor = actor;
        this.json = json;
        this.printedTicket = printedTicket;
    }

    /** A ticket the clerk issued from a plan code at the first counter, printed at the counter's printer. */
    @GetMapping("/console/{counterId}/tickets/{token}")
    String ticket(@PathVariable String counterId, @PathVariable String token,
                  @RequestParam(defaultValue = "receipt") String paper, HttpServletRequest request, Model model) {
        floors.floorOfCounter(counterId);
        return printedTicket.fill(model, token, paper, true, "/console/" + counterId, request);
    }

    @GetMapping("/console")
    String choose(@RequestParam(defaultValue = "honcho") String office, Model model) {
        Actor who = actor.get();
        Floor floor = floors.floor(office);
        model.addAttribute("floor", floor);
        model.addAttribute("counters", floor.counters().stream()
                .filter(c -> c.departmentIds().stream().anyMatch(who::mayActFor)).toList());
        // By department, so that a clerk finds their own counters by name, not by number alone.
        model.addAttribute("byDepartment", floor.departments().stream().filter(d -> who.mayActFor(d.id()))
                .map(d -> new DepartmentCounters(d, floor.counters().stream()
                        .filter(c -> c.departmentIds().contains(d.id())).toList(),
                        floor.counters().stream().filter(c -> c.departmentIds().contains(d.id()))
                                .map(c -> groupName(floor, c)).toList()))
                .filter(g -> !g.counters().isEmpty()).toList());
        model.addAttribute("offices", floors.offices());
        return "console-choose";
    }

    /** A department's counters, each with the name of the shared group it belongs to ("" when none). */
    record DepartmentCounters(Floor.Department department, List<Floor.Counter> counters, List<String> groups) {
    }

    private static String groupName(Floor floor, Floor.Counter counter) {
        return floor.counterGroups().stream().filter(g -> g.id().equals(counter.counterGroupId()))
                .map(Floor.CounterGroup::nameJa).findFirst().orElse("");
    }

    @GetMapping("/console/{counterId}")
    String console(@PathVariable String counterId, Model model) {
        Actor who = actor.get();
        Floor floor = floors.floorOfCounter(counterId);
        Floor.Counter counter = floor.counter(counterId).orElseThrow();
        List<Floor.Department> serves = floor.departments().stream()
                .filter(d -> counter.departmentIds().contains(d.id()) && who.mayActFor(d.id())).toList();
        if (serves.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("floor", floor);
        model.addAttribute("counter", counter);
        model.addAttribute("serves", serves);
        OpeningState now = hours.now(floor.office().id());
        model.addAttribute("opening", OpeningText.of(now, messages, Locale.JAPANESE));
        model.addAttribute("config", json.writeValueAsString(Map.of(
                "serves", serves.stream().map(Floor.Department::id).toList(),
                // Departments whose visits this clerk may change on a ticket (all of them for a manager).
                "acts", floor.departments().stream().map(Floor.Department::id).filter(who::mayActFor).toList(),
                "departments", floor.departments(), "procedures", floor.procedures(),
                "counters", floor.counters(), "priorities", floor.priorityClasses(),
                // Times and waits are shown in the office's zone and by the floor's clock, not the PC's own.
                "timeZone", floor.office().timeZone(), "asOf", now.asOf().toString())));
        return "console";
    }
}

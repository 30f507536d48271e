package org.madoguchi.reception.screens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.FloorStatus;
import org.madoguchi.reception.FloorStatusService;
import org.madoguchi.reception.OfficeHours;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.OpeningState;
import org.madoguchi.reception.OpeningText;
import org.madoguchi.reception.ReceptionService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The display board (呼出モニター) on the waiting-area TV. The first picture is rendered here so the board is
 * readable even before its script has connected; board.js keeps it current from the summary and the event stream.
 */
@Controller
class BoardController {

    static final int RECENT = 8;

    private final ReceptionService reception;
    private final FloorStatusService floorStatus;
    private final FloorDirectory floors;
    private final CurrentActor actor;
    private final MessageSource messages;
    private final OfficeHours hours;

    BoardController(ReceptionService reception, FloorStatusService floorStatus, FloorDirectory floors,
                    CurrentActor actor, MessageSource messages, OfficeHours hours) {
        this.hours = hours;
        this.reception = reception;
        this.floorStatus = floorStatus;
        this.floors = floors;
        this.actor = actor;
        this.messages = messages;
    }

    /** One number being called, flattened out of the per-department summary for the big list. */
    record BoardCall(int number, String departmentId, String departmentJa, String departmentEn, String counterId,
                     String counterJa, String counterEn, Instant calledAt, int recallCount) {
    }

    @GetMapping("/board")
    String board(@RequestParam(required = false) String office, Model model) {
        String officeId = ScreenOffice.resolve(actor.get(), office);
        Floor floor = floors.floor(officeId);
        OfficeSummary summary = reception.summary(officeId);
        List<BoardCall> calls = new ArrayList<>();
        for (OfficeSummary.Department d : summary.departments()) {
            for (OfficeSummary.Call c : d.calling()) {
                calls.add(new BoardCall(c.number(), d.id(), d.nameJa(), d.nameEn(), c.counterId(), c.counterLabelJa(),
                        c.counterLabelEn(), c.calledAt(), c.recallCount()));
            }
        }
        calls.sort(Comparator.comparing(BoardCall::calledAt, Comparator.nullsLast(Comparator.reverseOrder())));
        Locale locale = LocaleContextHolder.getLocale();
        boolean japanese = "ja".equals(locale.getLanguage());
        model.addAttribute("office", floor.office());
        model.addAttribute("summary", summary);
        model.addAttribute("calls", calls);
        model.addAttribute("recent", recentOnly(floorStatus.recentCalls(officeId, RECENT * 3), calls));
        model.addAttribute("japanese", japanese);
        // A Japanese board also carries English headings for visitors who do not read Japanese.
        model.addAttribute("en", japanese ? english() : Map.of());
        // Closed, before opening, a holiday: said calmly in place of the empty call tiles.
        OpeningState opening = hours.now(officeId);
        model.addAttribute("opening", OpeningText.of(opening, messages, locale));
        model.addAttribute("openingEn", japanese ? OpeningText.of(opening, messages, Locale.ENGLISH) : null);
        return "board";
    }

    /** The recent calls as JSON, for the board to refresh its history after a reconnection. */
    @GetMapping("/board/recent")
    @ResponseBody
    List<FloorStatus.RecentCall> recent(@RequestParam(required = false) String office) {
        return floorStatus.recentCalls(ScreenOffice.resolve(actor.get(), office), RECENT * 3);
    }

    /** Calls already on the big list are not repeated below it; a number recalled twice appears once. */
    private static List<FloorStatus.RecentCall> recentOnly(List<FloorStatus.RecentCall> recent, List<BoardCall> calling) {
        List<FloorStatus.RecentCall> out = new ArrayList<>();
        for (FloorStatus.RecentCall r : recent) {
            boolean shown = calling.stream().anyMatch(c -> c.number() == r.number())
                    || out.stream().anyMatch(o -> o.number() == r.number());
            if (!shown && out.size() < RECENT) {
                out.add(r);
            }
        }
        return out;
    }

    private Map<String, String> english() {
        return Map.of(
                "title", messages.getMessage("board.title", null, Locale.ENGLISH),
                "calling", messages.getMessage("board.calling", null, Locale.ENGLISH),
                "recent", messages.getMessage("board.recent", null, Locale.ENGLISH),
                "waiting", messages.getMessage("board.waiting", null, Locale.ENGLISH),
                "rule", messages.getMessage("board.rule", null, Locale.ENGLISH),
                "none", messages.getMessage("board.none", null, Locale.ENGLISH),
                "paused", messages.getMessage("board.paused", null, Locale.ENGLISH));
    }
}

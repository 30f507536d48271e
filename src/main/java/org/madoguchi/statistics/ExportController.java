package org.madoguchi.statistics;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * CSV export of visits for managers. The same export answers under /api (refusals as problem+json) and under
 * /statistics (refusals as a Japanese error page), so that the form works in a browser without JavaScript.
 */
@Controller
class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);

    private final VisitExport export;
    private final ReceptionCsvExport receptionExport;
    private final FloorDirectory floors;
    private final CurrentActor actor;

    private final StatisticsRollups rollups;

    ExportController(VisitExport export, ReceptionCsvExport receptionExport, FloorDirectory floors, CurrentActor actor,
                     StatisticsRollups rollups) {
        this.rollups = rollups;
        this.export = export;
        this.receptionExport = receptionExport;
        this.floors = floors;
        this.actor = actor;
    }

    @GetMapping({"/api/v1/statistics/export/visits.csv", "/statistics/export/visits.csv"})
    void visits(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String office, @RequestParam(required = false) String department,
                @RequestParam(required = false) String counter, @RequestParam(required = false) String encoding,
                HttpServletResponse response) {
        requireManager();
        VisitExport.Request request = export.validate(date(from, "開始日"), date(to, "終了日"), blank(office),
                blank(department), blank(counter), ExportEncoding.parse(encoding));
        long started = System.nanoTime();
        long rows = export.export(request, () -> {
            response.setContentType("text/csv;charset=" + request.encoding().label());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("来庁記録_" + request.from() + "_" + request.to() + ".csv", StandardCharsets.UTF_8)
                    .build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }, () -> {
            try {
                return response.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // Counts only: no personal data in logs.
        log.info("Visit export: {} rows in {} ms ({})", rows, (System.nanoTime() - started) / 1_000_000,
                request.encoding().label());
    }

    /** Reception's event log of a period (every transition of every ticket), one event a line. */
    @GetMapping({"/api/v1/statistics/export/events.csv", "/statistics/export/events.csv"})
    void events(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String office, @RequestParam(required = false) String department,
                @RequestParam(required = false) String counter, @RequestParam(required = false) String encoding,
                HttpServletResponse response) {
        reception(ReceptionCsvExport.Kind.EVENTS, "受付イベント", from, to, office, department, counter, encoding, response);
    }

    /** Reception's tickets of a period with their itineraries, one ticket a line. */
    @GetMapping({"/api/v1/statistics/export/tickets.csv", "/statistics/export/tickets.csv"})
    void tickets(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) String office, @RequestParam(required = false) String department,
                 @RequestParam(required = false) String counter, @RequestParam(required = false) String encoding,
                 HttpServletResponse response) {
        reception(ReceptionCsvExport.Kind.TICKETS, "受付票", from, to, office, department, counter, encoding, response);
    }

    private void reception(ReceptionCsvExport.Kind kind, String name, String from, String to, String office,
                           String department, String counter, String encoding, HttpServletResponse response) {
        requireManager();
        VisitExport.Request request = export.validate(date(from, "開始日"), date(to, "終了日"), blank(office),
                blank(department), blank(counter), ExportEncoding.parse(encoding));
        long started = System.nanoTime();
        long rows = receptionExport.export(kind, request, () -> {
            response.setContentType("text/csv;charset=" + request.encoding().label());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(name + "_" + request.from() + "_" + request.to() + ".csv", StandardCharsets.UTF_8)
                    .build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }, () -> {
            try {
                return response.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        log.info("Reception {} export: {} rows in {} ms ({})", kind, rows, (System.nanoTime() - started) / 1_000_000,
                request.encoding().label());
    }

    /** The export form; a plain GET form, so it works without JavaScript. */
    @GetMapping("/statistics/export")
    String page(Model model) {
        requireManager();
        // The main office's year the statistics open on, so the form does not start on a year without records.
        FiscalYear last = FiscalYear.opening(rollups.fiscalYearsWithRecords(StatisticsController.DEFAULT_OFFICE), LocalDate.now());
        model.addAttribute("from", last.firstDay());
        model.addAttribute("to", last.lastDay());
        model.addAttribute("maxYears", VisitExport.MAX_YEARS);
        List<Floor> offices = floors.offices().stream().map(o -> floors.floor(o.id())).toList();
        model.addAttribute("floors", offices);
        return "statistics/export";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("period-required", "出力期間の" + name + "を指定してください。");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("bad-date", name + "は 2024-04-01 の形式で指定してください。");
        }
    }

    /** Exports are for managing the office, not for counter staff or devices. */
    private Actor requireManager() {
        Actor current = actor.get();
        if (current.role() != Actor.Role.MANAGER && current.role() != Actor.Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "統計は管理者と所属長のみ閲覧できます。");
        }
        return current;
    }
}

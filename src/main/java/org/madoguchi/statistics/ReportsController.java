package org.madoguchi.statistics;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.FloorDirectory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** 月次報告: the list, generation on demand, and each stored report as a page and as CSV (managers only). */
@Controller
class ReportsController {

    private static final int LISTED = 240;

    private final MonthlyReports reports;
    private final FloorDirectory floors;
    private final CurrentActor actor;

    ReportsController(MonthlyReports reports, FloorDirectory floors, CurrentActor actor) {
        this.reports = reports;
        this.floors = floors;
        this.actor = actor;
    }

    @GetMapping("/statistics/reports")
    String page(@RequestParam(required = false) String office, Model model) {
        requireManager();
        model.addAttribute("reports", reports.list(blank(office), LISTED));
        model.addAttribute("offices", floors.offices());
        model.addAttribute("previousMonth", YearMonth.now().minusMonths(1).toString());
        return "statistics/reports";
    }

    /** Generates a month on demand (a plain form post), then shows the list again. */
    @PostMapping("/statistics/reports")
    String generatePage(@RequestParam(required = false) String month, @RequestParam(required = false) String office) {
        requireManager();
        reports.generate(officeOf(office), month(month));
        return "redirect:/statistics/reports";
    }

    @GetMapping("/api/v1/statistics/reports")
    @ResponseBody
    List<MonthlyReports.Entry> list(@RequestParam(required = false) String office) {
        requireManager();
        return reports.list(blank(office), LISTED);
    }

    @PostMapping("/api/v1/statistics/reports")
    @ResponseBody
    List<MonthlyReports.Entry> generate(@RequestParam(required = false) String month,
                                        @RequestParam(required = false) String office) {
        requireManager();
        return reports.generate(officeOf(office), month(month));
    }

    @GetMapping("/statistics/reports/{office}/{department}/{month}")
    ResponseEntity<String> html(@PathVariable String office, @PathVariable String department, @PathVariable String month) {
        requireManager();
        return reports.content(office, department, month(month), false)
                .map(html -> ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(html))
                .orElseThrow(ReportsController::missing);
    }

    @GetMapping("/statistics/reports/{office}/{department}/{month}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String office, @PathVariable String department, @PathVariable String month) {
        requireManager();
        YearMonth m = month(month);
        String csv = reports.content(office, department, m, true).orElseThrow(ReportsController::missing);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("月次報告_" + department + "_" + m + ".csv", StandardCharsets.UTF_8).build().toString())
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException missing() {
        return ProblemException.notFound("report-not-found", "指定された月次報告はまだ作成されていません。");
    }

    private String officeOf(String office) {
        String id = blank(office);
        if (id == null) {
            return floors.offices().get(0).id();
        }
        if (!floors.officeExists(id)) {
            throw ProblemException.invalid("unknown-office", "指定された庁舎は見つかりません。");
        }
        return id;
    }

    private static YearMonth month(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("month-required", "月を 2024-04 の形式で指定してください。");
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("bad-month", "月は 2024-04 の形式で指定してください。");
        }
    }

    /** An office id filter; a control character (NUL breaks PostgreSQL text) is refused. */
    private static String blank(String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("invalid-filter", "庁舎の指定に使えない文字が含まれています。");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void requireManager() {
        Actor current = actor.get();
        if (current.role() != Actor.Role.MANAGER && current.role() != Actor.Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "統計は管理者と所属長のみ閲覧できます。");
        }
    }
}

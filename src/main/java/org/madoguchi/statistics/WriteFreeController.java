package org.madoguchi.statistics;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.IntStream;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The write-free counter's use for managers: a page with a chart, and the same numbers as CSV. */
@Controller
class WriteFreeController {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final WriteFreeReport report;
    private final CurrentActor actor;
    private final Clock clock;
    private final JsonMapper json;

    WriteFreeController(WriteFreeReport report, CurrentActor actor, Clock clock, JsonMapper json) {
        this.report = report;
        this.actor = actor;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/statistics/write-free")
    String page(@RequestParam(required = false) Integer fy, @RequestParam(defaultValue = "honcho") String office,
                Model model) {
        requireManager();
        LocalDate today = LocalDate.now(clock.withZone(TOKYO));
        FiscalYear year = year(fy, today);
        WriteFreeReport.Report r = report.fiscalYear(office, year, today);
        model.addAttribute("report", r);
        model.addAttribute("office", office);
        int latest = FiscalYear.of(today).year();
        model.addAttribute("choices", IntStream.rangeClosed(0, 4).mapToObj(i -> new FiscalYear(latest - i)).toList());
        model.addAttribute("chartJson", json.writeValueAsString(new Chart(
                r.months().stream().map(WriteFreeReport.Month::label).toList(),
                r.months().stream().map(m -> m.naviScanned() + m.preScanned()).toList(),
                r.months().stream().map(WriteFreeReport.Month::share).toList())));
        return "statistics/write-free";
    }

    record Chart(java.util.List<String> labels, java.util.List<Long> scanned, java.util.List<Double> share) {
    }

    @GetMapping("/statistics/write-free.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) Integer fy,
                               @RequestParam(defaultValue = "honcho") String office) {
        requireManager();
        LocalDate today = LocalDate.now(clock.withZone(TOKYO));
        FiscalYear year = year(fy, today);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditCsv.writeFree(report.fiscalYear(office, year, today), out);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("書かない窓口_" + year.year() + ".csv", StandardCharsets.UTF_8).build().toString())
                .body(out.toByteArray());
    }

    private static FiscalYear year(Integer fy, LocalDate today) {
        if (fy == null) {
            return FiscalYear.of(today);
        }
        if (fy < 2015 || fy > FiscalYear.of(today).year()) {
            throw ProblemException.invalid("bad-fiscal-year", "年度は2015年度から今年度までの西暦で指定してください。");
        }
        return new FiscalYear(fy);
    }

    private void requireManager() {
        Actor current = actor.get();
        if (current.role() != Actor.Role.MANAGER && current.role() != Actor.Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "統計は管理者と所属長のみ閲覧できます。");
        }
    }
}

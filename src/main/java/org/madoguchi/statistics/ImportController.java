package org.madoguchi.statistics;

import java.util.List;
import java.util.Map;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Import of legacy reception logs for managers. The form at /statistics/import answers with a page; the same
 * import answers JSON at /api/v1/statistics/import and at /statistics/import.json. The latter exists because the
 * API body limit (platform.web.RequestSizeLimitFilter, 64 KB under /api/) would refuse real files at the API path
 * until that filter exempts it.
 */
@Controller
class ImportController {

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final LegacyImport importer;
    private final FloorDirectory floors;
    private final CurrentActor actor;

    ImportController(LegacyImport importer, FloorDirectory floors, CurrentActor actor) {
        this.importer = importer;
        this.floors = floors;
        this.actor = actor;
    }

    @GetMapping("/statistics/import")
    String page(Model model) {
        requireManager();
        form(model, LegacyImport.Mapping.defaults(), null, "utf-8", false);
        return "statistics/import";
    }

    @PostMapping(path = "/statistics/import", produces = "text/html")
    String upload(@RequestPart(name = "file", required = false) MultipartFile file,
                  @RequestParam Map<String, String> params, Model model) {
        requireManager();
        LegacyImport.Mapping mapping = mapping(params);
        boolean dryRun = flag(params.get("dryRun"));
        String encoding = params.getOrDefault("encoding", "utf-8");
        form(model, mapping, params.get("office"), encoding, dryRun);
        try {
            model.addAttribute("result", run(file, params, mapping, dryRun));
        } catch (ProblemException e) {
            // A refusal of the whole file (missing column, wrong encoding) is shown on the form, not as an error page.
            model.addAttribute("error", e.getMessage());
        }
        return "statistics/import";
    }

    @PostMapping(path = {"/api/v1/statistics/import", "/statistics/import.json"})
    @ResponseBody
    ResponseEntity<LegacyImport.Result> api(@RequestPart(name = "file", required = false) MultipartFile file,
                                            @RequestParam Map<String, String> params) {
        requireManager();
        LegacyImport.Result result = run(file, params, mapping(params), flag(params.get("dryRun")));
        return ResponseEntity.status(result.accepted() ? 200 : 422).body(result);
    }

    private LegacyImport.Result run(MultipartFile file, Map<String, String> params, LegacyImport.Mapping mapping,
                                    boolean dryRun) {
        if (file == null || file.isEmpty()) {
            throw ProblemException.invalid("file-required", "取り込む CSV ファイルを選んでください。");
        }
        String office = params.get("office");
        if (office == null || office.isBlank()) {
            office = floors.offices().get(0).id();
        }
        LegacyImport.Result result = importer.run(file, ExportEncoding.parse(params.get("encoding")), mapping, office,
                dryRun);
        // Counts only: no personal data in logs.
        log.info("Legacy import{}: {} read, {} imported, {} already present, {} rejected in {} ms",
                dryRun ? " (dry run)" : "", result.read(), result.imported(), result.alreadyPresent(),
                result.rejectedTotal(), result.millis());
        return result;
    }

    private void form(Model model, LegacyImport.Mapping mapping, String office, String encoding, boolean dryRun) {
        List<Floor.Office> offices = floors.offices();
        model.addAttribute("offices", offices);
        model.addAttribute("office", office == null || office.isBlank() ? offices.get(0).id() : office);
        model.addAttribute("mapping", mapping);
        model.addAttribute("encoding", encoding);
        model.addAttribute("dryRun", dryRun);
        model.addAttribute("maxReported", LegacyImport.MAX_REPORTED);
    }

    /** Mapping fields as form fields or query parameters; blank ones take the usual Japanese header names. */
    private static LegacyImport.Mapping mapping(Map<String, String> p) {
        LegacyImport.Mapping m = new LegacyImport.Mapping(p.get("issuedAt"), p.get("calledAt"), p.get("completedAt"),
                p.get("ticketNumber"), p.get("department"), p.get("counter"), p.get("serviceDate"), p.get("absent"));
        return m.orDefaults();
    }

    private static boolean flag(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("on") || value.equals("1"));
    }

    private Actor requireManager() {
        Actor current = actor.get();
        if (current.role() != Actor.Role.MANAGER && current.role() != Actor.Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "過去の受付記録の取り込みは管理者と所属長のみ行えます。");
        }
        return current;
    }
}

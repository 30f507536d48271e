package org.madoguchi.preentry;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.madoguchi.forms.FormPrinter;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Pre-entry at the counter: scan the QR code (a keyboard-wedge reader types it into the focused box and
 * presses Enter) or type the short code, see and correct the entries with the resident, print the forms,
 * delete. Every view, correction, print and deletion is in {@code preentry.access_log} with the staff id.
 */
@Controller
class PreentryConsoleController {

    private final Preentries preentries;
    private final FloorDirectory floors;
    private final PreentryProperties properties;
    private final PreentryController resident;
    private final CurrentActor currentActor;
    private final ObjectProvider<FormPrinter> printer;

    PreentryConsoleController(Preentries preentries, PreentryController resident, CurrentActor currentActor,
                              ObjectProvider<FormPrinter> printer, FloorDirectory floors, PreentryProperties properties) {
        this.floors = floors;
        this.properties = properties;
        this.preentries = preentries;
        this.resident = resident;
        this.currentActor = currentActor;
        this.printer = printer;
    }

    @GetMapping("/console/preentry")
    String scan(Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("code", "");
        return "preentry/console-scan";
    }

    @PostMapping("/console/preentry/lookup")
    String lookup(@RequestParam(required = false) String code, Model model, HttpServletResponse response) {
        noStore(response);
        Optional<Preentries.Entry> entry = preentries.byCode(code == null ? "" : code);
        if (entry.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("code", code == null ? "" : code.strip());
            model.addAttribute("notFound", true);
            return "preentry/console-scan";
        }
        requireHandles(entry.get());
        preentries.scanned(entry.get().id(), currentActor.get());
        return "redirect:/console/preentry/" + entry.get().id();
    }

    @GetMapping("/console/preentry/{id}")
    String view(@PathVariable UUID id, @RequestParam(required = false) String saved,
                @RequestParam(required = false) String invalid, Model model, HttpServletResponse response) {
        noStore(response);
        Preentries.Entry entry = entry(id);
        preentries.log(id, "view", currentActor.get());
        return render(entry, errorsOf(entry.draft(), invalid != null), saved != null, invalid != null, model);
    }

    @PostMapping("/console/preentry/{id}")
    String correct(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
                   HttpServletResponse response) {
        noStore(response);
        Preentries.Entry entry = entry(id);
        Draft draft = entry.draft();
        Map<String, String> errors = new LinkedHashMap<>();
        for (EntryFields.Step step : EntryFields.steps(draft)) {
            errors.putAll(EntryFields.check(step.fields(), form::getFirst, draft.values(), "", preentries.today()));
            if (step.members()) {
                for (int i = 0; i < draft.members().size(); i++) {
                    String prefix = "m" + i + ".";
                    errors.putAll(EntryFields.check(EntryFields.MEMBER_FIELDS, k -> form.getFirst(prefix + k),
                            draft.members().get(i), prefix, preentries.today()));
                }
            }
        }
        String action = form.getFirst("action");
        if ("add-member".equals(action) && draft.members().size() < EntryFields.MAX_MEMBERS
                && draft.forms().contains(org.madoguchi.forms.FormKind.RESIDENT_MOVE)) {
            draft.members().add(new LinkedHashMap<>());
        } else if (action != null && action.startsWith("remove-member-")) {
            try {
                int index = Integer.parseInt(action.substring("remove-member-".length()));
                if (index >= 0 && index < draft.members().size()) {
                    draft.members().remove(index);
                    errors = errorsOf(draft, false);
                }
            } catch (NumberFormatException ignored) {
                // Not one of our buttons: nothing to remove.
            }
        }
        Preentries.Entry saved = preentries.save(entry, draft);
        preentries.log(id, "correct", currentActor.get());
        if (!errors.isEmpty()) {
            response.setStatus(422);
            return render(saved, errors, false, false, model);
        }
        if (action != null && !"save".equals(action)) {
            return render(saved, errors, false, false, model);
        }
        return "redirect:/console/preentry/" + id + "?saved";
    }

    @GetMapping("/console/preentry/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        Preentries.Entry entry = entry(id);
        if (!errorsOf(entry.draft(), true).isEmpty()) {
            // Printing a form with a wrong date or a missing name would only move the error to paper.
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(java.net.URI.create("/console/preentry/" + id + "?invalid")).build();
        }
        FormPrinter formPrinter = printer.getIfAvailable();
        if (formPrinter == null) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "forms-unavailable",
                    "届書・申請書の印刷機能が利用できません。システム管理者に連絡してください。");
        }
        byte[] pdf = formPrinter.print(FilledForms.of(entry.draft()));
        Actor actor = currentActor.get();
        preentries.log(id, "print", actor);
        preentries.count("printed");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                // A neutral file name: the browser's download list must not show a resident's name.
                .header("Content-Disposition", ContentDisposition.attachment().filename("preentry-forms.pdf")
                        .build().toString())
                .body(pdf);
    }

    @PostMapping("/console/preentry/{id}/delete")
    String delete(@PathVariable UUID id) {
        entry(id);
        preentries.delete(id, "delete", currentActor.get());
        return "redirect:/console/preentry?deleted";
    }

    private Preentries.Entry entry(UUID id) {
        Preentries.Entry entry = preentries.byId(id).orElseThrow(() -> ProblemException.notFound("preentry-not-found",
                "この事前入力は見つかりません（有効期限が切れたか、削除されています）。"));
        requireHandles(entry);
        return entry;
    }

    /**
     * Personal data only where needed: a clerk sees a pre-entry only if one of the clerk's departments handles
     * one of its procedures (戸籍住民課 for moves and most certificates, 課税課・納税課 for tax certificates).
     */
    private void requireHandles(Preentries.Entry entry) {
        Actor actor = currentActor.get();
        Floor floor = floors.floor(properties.officeId());
        boolean handles = entry.draft().procedures().stream()
                .map(floor::procedure).flatMap(Optional::stream)
                .anyMatch(procedure -> actor.mayActFor(procedure.departmentId()));
        if (!handles) {
            throw ProblemException.forbidden("preentry-other-department",
                    "この事前入力は、担当する課の職員だけが開けます。");
        }
    }

    private Map<String, String> errorsOf(Draft draft, boolean all) {
        Map<String, String> errors = new LinkedHashMap<>();
        EntryFields.steps(draft).forEach(step -> errors.putAll(resident.errorsOf(draft, step, all)));
        return errors;
    }

    private String render(Preentries.Entry entry, Map<String, String> errors, boolean saved, boolean invalid,
                          Model model) {
        Draft draft = entry.draft();
        List<EntryFields.Step> steps = EntryFields.steps(draft);
        model.addAttribute("entry", entry);
        model.addAttribute("draft", draft);
        model.addAttribute("steps", steps);
        model.addAttribute("values", draft.values());
        model.addAttribute("members", draft.members());
        model.addAttribute("memberFields", EntryFields.MEMBER_FIELDS);
        model.addAttribute("errors", errors);
        model.addAttribute("saved", saved);
        model.addAttribute("invalid", invalid);
        model.addAttribute("forms", draft.forms());
        model.addAttribute("moveType", draft.moveType());
        boolean printable = errorsOf(draft, true).isEmpty();
        model.addAttribute("printable", printable);
        // Characters the form font cannot draw (some 外字 such as 𠮷) print as 〓: staff have them written by hand.
        FormPrinter formPrinter = printer.getIfAvailable();
        model.addAttribute("unprintable", printable && formPrinter != null
                ? formPrinter.unprintableCharacters(FilledForms.of(draft)) : List.of());
        return "preentry/console-entry";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
    }
}

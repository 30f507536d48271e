package org.madoguchi.preentry;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.madoguchi.forms.FormKind;
import org.madoguchi.platform.JapaneseDates;
import org.madoguchi.platform.QrCodes;
import org.madoguchi.reception.PlainPlanCodes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The resident's side of pre-entry: choose (or bring from the navigator) the procedures, fill one topic per
 * page, confirm, and get a QR code. The draft is found by an opaque random token in an HttpOnly session
 * cookie; no personal data is ever in a URL, and what was typed is kept even when it is not valid yet. Pages
 * may be on a library's shared computer: finishing shows the QR code once and ends the cookie's hold on the
 * entry, after which only the QR or short code (at the counter) opens it.
 */
@Controller
class PreentryController {

    static final String COOKIE = "MDGP_DRAFT";
    /** The procedures a resident can pre-enter directly, in the order offered. */
    static final List<String> OFFERED = List.of("tennyu", "tenkyo", "tenshutsu", "juminhyo", "inkan-toroku",
            "koseki-shomei", "kazei-shomei", "nozei-shomei");

    private final Preentries preentries;
    private final PlainPlanCodes plainPlans;
    private final ItabashiPostalCodes postalCodes;
    private final PreentryProperties properties;
    private final MessageSource messages;
    private final UnprintableText unprintable;
    private final PreentryPlaces places;

    PreentryController(Preentries preentries, PlainPlanCodes plainPlans, ItabashiPostalCodes postalCodes,
                       PreentryProperties properties, MessageSource messages, UnprintableText unprintable,
                       PreentryPlaces places) {
        this.messages = messages;
        this.preentries = preentries;
        this.plainPlans = plainPlans;
        this.postalCodes = postalCodes;
        this.properties = properties;
        this.unprintable = unprintable;
        this.places = places;
    }

    // ---- start ----

    @org.springframework.web.bind.annotation.ModelAttribute("retentionDays")
    int retentionDays() {
        return properties.retentionDays();
    }

    @org.springframework.web.bind.annotation.ModelAttribute("preentryLanguages")
    List<PreentryLanguages.Link> languages(HttpServletRequest request) {
        return PreentryLanguages.links(request, LocaleContextHolder.getLocale());
    }

    @GetMapping("/preentry")
    String start(@RequestParam(required = false) String plan, HttpServletRequest request, Model model,
                 HttpServletResponse response) {
        noStore(response);
        model.addAttribute("resume", draft(request).isPresent());
        model.addAttribute("offered", OFFERED);
        model.addAttribute("chosen", List.of());
        if (plan != null && !plan.isBlank()) {
            List<String> procedures = planProcedures(plan);
            if (procedures.isEmpty()) {
                model.addAttribute("planError", true);
            } else {
                model.addAttribute("plan", plan.strip());
                model.addAttribute("planForms", Draft.start(plan, procedures).forms());
            }
        }
        return "preentry/start";
    }

    /** The procedures of a plan code that have a form, or none when the code is not a plan. */
    private List<String> planProcedures(String plan) {
        if (plan.length() > 1000) {
            return List.of();
        }
        return plainPlans.resolve(plan.strip()).orElse(List.of()).stream()
                .flatMap(step -> step.procedureIds().stream())
                .filter(p -> FormKind.forProcedure(p).isPresent()).distinct().toList();
    }

    @PostMapping("/preentry/start")
    String begin(@RequestParam(required = false) String plan,
                 @RequestParam(name = "procedure", required = false) List<String> chosen,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        List<String> procedures;
        String keptPlan = null;
        if (plan != null && !plan.isBlank()) {
            procedures = planProcedures(plan);
            keptPlan = plan.strip();
        } else {
            procedures = chosen == null ? List.of() : OFFERED.stream().filter(chosen::contains).toList();
        }
        if (procedures.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("resume", draft(request).isPresent());
            model.addAttribute("offered", OFFERED);
            model.addAttribute("chosen", List.of());
            model.addAttribute("chooseError", true);
            return "preentry/start";
        }
        Preentries.Started started = preentries.start(keptPlan, procedures);
        setCookie(request, response, started.draftToken());
        return "redirect:/preentry/step/" + EntryFields.steps(started.entry().draft()).get(0).id();
    }

    // ---- one topic per page ----

    @GetMapping("/preentry/step/{stepId}")
    String step(@PathVariable String stepId, @RequestParam(required = false) String check,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        Optional<Preentries.Entry> entry = draft(request);
        if (entry.isEmpty()) {
            return "redirect:/preentry?expired";
        }
        Draft draft = entry.get().draft();
        Optional<EntryFields.Step> step = findStep(draft, stepId);
        if (step.isEmpty()) {
            return "redirect:/preentry/confirm";
        }
        // Values saved earlier that are not valid yet keep their message; empty required fields only
        // complain once the resident has tried to finish (?check).
        Map<String, String> errors = errorsOf(draft, step.get(), check != null);
        return render(draft, step.get(), errors, model);
    }

    @PostMapping("/preentry/step/{stepId}")
    String save(@PathVariable String stepId, @RequestParam MultiValueMap<String, String> form,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        Optional<Preentries.Entry> entry = draft(request);
        if (entry.isEmpty()) {
            return "redirect:/preentry?expired";
        }
        Draft draft = entry.get().draft();
        Optional<EntryFields.Step> found = findStep(draft, stepId);
        if (found.isEmpty()) {
            return "redirect:/preentry/confirm";
        }
        EntryFields.Step step = found.get();
        String action = form.getFirst("action") == null ? "next" : form.getFirst("action");
        Map<String, String> errors = new LinkedHashMap<>(EntryFields.check(step.fields(), form::getFirst,
                draft.values(), "", preentries.today()));
        if (step.members()) {
            errors.putAll(checkMembers(draft, form::getFirst));
            if ("add-member".equals(action) && draft.members().size() < EntryFields.MAX_MEMBERS) {
                draft.members().add(new LinkedHashMap<>());
            } else if (action.startsWith("remove-member-")) {
                int index = parseIndex(action.substring("remove-member-".length()));
                if (index >= 0 && index < draft.members().size()) {
                    draft.members().remove(index);
                    errors = errorsOf(draft, step, false);
                }
            }
        }
        Map<String, String> lookup = Map.of();
        if ("lookup".equals(action) || "lookup-previous".equals(action)) {
            boolean current = "lookup".equals(action);
            lookup = Map.of(current ? org.madoguchi.forms.FormFields.POSTAL_CODE
                    : org.madoguchi.forms.FormFields.PREVIOUS_POSTAL_CODE, suggestAddress(draft, current));
        }
        preentries.save(entry.get(), draft);
        List<EntryFields.Step> steps = EntryFields.steps(draft);
        int index = steps.indexOf(step);
        switch (action) {
            case "back" -> {
                return index == 0 ? "redirect:/preentry" : "redirect:/preentry/step/" + steps.get(index - 1).id();
            }
            case "next" -> {
                if (errors.isEmpty()) {
                    return index + 1 < steps.size() ? "redirect:/preentry/step/" + steps.get(index + 1).id()
                            : "redirect:/preentry/confirm";
                }
                response.setStatus(422);
                return render(draft, step, errors, model);
            }
            default -> {
                // Adding or removing a member, or looking up an address: the same page again, nothing lost.
                model.addAttribute("lookup", lookup);
                return render(draft, step, errorsOf(draft, step, false), model);
            }
        }
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Fills the address with the town for an Itabashi postal code, unless the resident already wrote more.
     * Returns the message key of what happened, so the button never answers with silence.
     */
    private String suggestAddress(Draft draft, boolean current) {
        String postalKey = current ? org.madoguchi.forms.FormFields.POSTAL_CODE
                : org.madoguchi.forms.FormFields.PREVIOUS_POSTAL_CODE;
        String addressKey = current ? org.madoguchi.forms.FormFields.ADDRESS
                : org.madoguchi.forms.FormFields.PREVIOUS_ADDRESS;
        String postal = draft.value(postalKey);
        if (postal.isBlank()) {
            return "preentry.lookup.empty";
        }
        if (!postal.matches("\\d{3}-\\d{4}")) {
            // Not a postal code yet: the field's own message says why.
            return "preentry.lookup.invalid";
        }
        Optional<String> suggestion = postalCodes.suggest(postal);
        if (suggestion.isEmpty()) {
            return "preentry.lookup.notFound";
        }
        String address = draft.value(addressKey);
        if (address.isBlank() || suggestion.get().startsWith(address) || address.startsWith(ItabashiPostalCodes.WARD)
                && !address.startsWith(suggestion.get())) {
            draft.values().put(addressKey, suggestion.get());
            return "preentry.lookup.found";
        }
        return "preentry.lookup.kept";
    }

    /** The suggestion for the enhanced page (JavaScript): a POST, so the postal code stays out of URLs. */
    @PostMapping(value = "/preentry/postal", produces = "application/json")
    @ResponseBody
    Map<String, String> postal(@RequestParam(required = false) String code) {
        try {
            String normalised = EntryText.postalCode(code, true);
            return postalCodes.suggest(normalised).map(a -> Map.of("postalCode", normalised, "address", a))
                    .orElse(Map.of("postalCode", normalised));
        } catch (EntryText.Invalid e) {
            return Map.of("error", e.getMessage());
        }
    }

    private Map<String, String> checkMembers(Draft draft, java.util.function.Function<String, String> input) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < draft.members().size(); i++) {
            String prefix = "m" + i + ".";
            errors.putAll(EntryFields.check(EntryFields.MEMBER_FIELDS, key -> input.apply(prefix + key),
                    draft.members().get(i), prefix, preentries.today()));
        }
        return errors;
    }

    /** Messages for what the draft holds now; {@code all} includes required fields still empty. */
    Map<String, String> errorsOf(Draft draft, EntryFields.Step step, boolean all) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> scratch = new LinkedHashMap<>();
        EntryFields.check(step.fields(), draft::value, scratch, "", preentries.today()).forEach((key, message) -> {
            if (all || !draft.value(key).isBlank()) {
                errors.put(key, message);
            }
        });
        if (step.members()) {
            for (int i = 0; i < draft.members().size(); i++) {
                Map<String, String> member = draft.members().get(i);
                String prefix = "m" + i + ".";
                EntryFields.check(EntryFields.MEMBER_FIELDS, k -> member.getOrDefault(k, ""), new LinkedHashMap<>(),
                        prefix, preentries.today()).forEach((key, message) -> {
                            if (all || !member.getOrDefault(key.substring(prefix.length()), "").isBlank()) {
                                errors.put(key, message);
                            }
                        });
            }
        }
        return errors;
    }

    private String render(Draft draft, EntryFields.Step step, Map<String, String> errors, Model model) {
        List<EntryFields.Step> steps = EntryFields.steps(draft);
        model.addAttribute("draft", draft);
        model.addAttribute("step", step);
        model.addAttribute("stepNumber", steps.indexOf(step) + 1);
        model.addAttribute("stepCount", steps.size() + 1);
        model.addAttribute("errors", errors);
        model.addAttribute("values", draft.values());
        model.addAttribute("members", draft.members());
        model.addAttribute("memberFields", EntryFields.MEMBER_FIELDS);
        model.addAttribute("maxMembers", EntryFields.MAX_MEMBERS);
        model.addAttribute("moveType", draft.moveType());
        if (!model.containsAttribute("lookup")) {
            model.addAttribute("lookup", Map.of());
        }
        Map<String, String> typed = new LinkedHashMap<>();
        step.fields().forEach(f -> typed.put(f.key(), draft.value(f.key())));
        if (step.members()) {
            memberValues(draft, typed);
        }
        model.addAttribute("notPrintable", unprintable.of(typed));
        return "preentry/step";
    }

    /** Each member's values under the names of their inputs: m0.name, m0.kana, … */
    private static void memberValues(Draft draft, Map<String, String> into) {
        for (int i = 0; i < draft.members().size(); i++) {
            for (EntryFields.Field f : EntryFields.MEMBER_FIELDS) {
                into.put("m" + i + "." + f.key(), draft.members().get(i).getOrDefault(f.key(), ""));
            }
        }
    }

    private static Optional<EntryFields.Step> findStep(Draft draft, String stepId) {
        return EntryFields.steps(draft).stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    // ---- confirm, QR, delete ----

    record Section(EntryFields.Step step, Map<String, String> errors) {
    }

    @GetMapping("/preentry/confirm")
    String confirm(HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        Optional<Preentries.Entry> entry = draft(request);
        if (entry.isEmpty()) {
            return "redirect:/preentry?expired";
        }
        Draft draft = entry.get().draft();
        List<Section> sections = EntryFields.steps(draft).stream()
                .map(step -> new Section(step, errorsOf(draft, step, true))).toList();
        model.addAttribute("draft", draft);
        model.addAttribute("sections", sections);
        model.addAttribute("complete", sections.stream().allMatch(s -> s.errors().isEmpty()));
        model.addAttribute("display", display(draft.values()));
        model.addAttribute("memberDisplay", draft.members().stream().map(PreentryController::display).toList());
        model.addAttribute("memberFields", EntryFields.MEMBER_FIELDS);
        model.addAttribute("stepCount", sections.size() + 1);
        Map<String, String> typed = new LinkedHashMap<>(draft.values());
        memberValues(draft, typed);
        model.addAttribute("notPrintable", unprintable.of(typed));
        return "preentry/confirm";
    }

    /** Values as the resident reads them: dates in 和暦 and 西暦, sexes in words. */
    static Map<String, String> display(Map<String, String> values) {
        Map<String, String> display = new LinkedHashMap<>();
        values.forEach((key, value) -> display.put(key, displayValue(key, value)));
        return display;
    }

    static String displayValue(String key, String value) {
        if (value == null || value.isBlank()) {
            return "—";
        }
        if ((key.endsWith("birthDate") || key.endsWith("moveDate")) && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            LocalDate date = LocalDate.parse(value);
            return JapaneseDates.wareki(date) + "（" + date.getYear() + "年）";
        }
        if (key.endsWith("sex")) {
            return switch (value) {
                case "male" -> "男";
                case "female" -> "女";
                default -> value;
            };
        }
        if (key.endsWith("taxYear") && value.matches("\\d{4}")) {
            int year = Integer.parseInt(value);
            return (year >= 2019 ? "令和" + (year == 2019 ? "元" : String.valueOf(year - 2018)) : "平成" + (year - 1988))
                    + "年度（" + year + "年度）";
        }
        if (key.endsWith("copies")) {
            return value + "通";
        }
        return value;
    }

    /**
     * Finishing answers with the QR page itself, not a redirect to a page the cookie could open again: the
     * entry is now reachable only by its codes, and the cookie is cleared as well.
     */
    @PostMapping("/preentry/confirm")
    String finish(HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        Optional<Preentries.Entry> entry = draft(request);
        if (entry.isEmpty()) {
            return "redirect:/preentry?expired";
        }
        Draft draft = entry.get().draft();
        for (EntryFields.Step step : EntryFields.steps(draft)) {
            if (!errorsOf(draft, step, true).isEmpty()) {
                return "redirect:/preentry/step/" + step.id() + "?check";
            }
        }
        Preentries.Entry done = preentries.complete(entry.get());
        clearCookie(request, response);
        return done(done, model);
    }

    /** The QR page was shown once, when the entry was finished; coming back here (history, bookmark) starts over. */
    @GetMapping("/preentry/done")
    String doneAgain(HttpServletResponse response) {
        noStore(response);
        return "redirect:/preentry?expired";
    }

    private String done(Preentries.Entry entry, Model model) {
        Draft draft = entry.draft();
        ZonedDateTime expires = entry.expiresAt().atZone(ZoneId.of(properties.purgeZone()));
        model.addAttribute("qr", QrCodes.svg(draft.qrToken(), 40, "事前入力の二次元コード"));
        model.addAttribute("shortCode", draft.shortCode().substring(0, 1) + " " + draft.shortCode().substring(1, 5)
                + " " + draft.shortCode().substring(5));
        // 和暦 for Japanese readers; the other languages get a date they read without knowing the eras.
        String day = "ja".equals(LocaleContextHolder.getLocale().getLanguage())
                ? JapaneseDates.wareki(expires.toLocalDate()) : expires.toLocalDate().toString();
        model.addAttribute("expires", day + " " + String.format("%d:%02d", expires.getHour(), expires.getMinute()));
        model.addAttribute("forms", draft.forms());
        model.addAttribute("places", places.of(draft, LocaleContextHolder.getLocale()));
        model.addAttribute("fromPlan", draft.plan() != null);
        model.addAttribute("qrToken", draft.qrToken());
        model.addAttribute("endNotes", endNotes());
        return "preentry/done";
    }

    record EndNote(String lang, String text) {
    }

    /**
     * "Bring the QR code or the reception code" in every language, the resident's first: the page cannot be
     * fetched again, so it has no language links.
     */
    private List<EndNote> endNotes() {
        String current = PreentryLanguages.current(LocaleContextHolder.getLocale());
        // やさしい日本語 stands in for 日本語 when it is the page's language; one Japanese note is enough.
        String japanese = "ja-yasashii".equals(current) ? current : "ja";
        return java.util.stream.Stream.of(japanese, "en", "zh", "ko")
                .sorted(java.util.Comparator.comparing(tag -> !tag.equals(current)))
                .map(tag -> new EndNote(PreentryLanguages.htmlLang(tag),
                        messages.getMessage("preentry.done.end.body", null, Locale.forLanguageTag(tag))))
                .toList();
    }

    /** The resident is done: the browser lets go of the entry and the QR page is replaced. */
    @PostMapping("/preentry/end")
    String end(HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        clearCookie(request, response);
        return "preentry/ended";
    }

    /** Deletes the draft of the cookie, or, from the QR page, the finished entry of the QR token sent with it. */
    @PostMapping("/preentry/delete")
    String delete(@RequestParam(required = false) String qr, HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        String qrToken = qr == null ? null : Preentries.canonicalQrToken(qr);
        Optional<Preentries.Entry> entry = qrToken != null ? preentries.byCode(qrToken) : draft(request);
        entry.ifPresent(e -> preentries.delete(e.id(), "resident-delete", null));
        clearCookie(request, response);
        return "preentry/deleted";
    }

    /** A session cookie: it goes when the browser is closed, not seven days later. */
    private static void setCookie(HttpServletRequest request, HttpServletResponse response, String draftToken) {
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, draftToken).httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").path("/preentry").build().toString());
    }

    private static void clearCookie(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, "").httpOnly(true).secure(request.isSecure())
                .sameSite("Lax").path("/preentry").maxAge(0).build().toString());
    }

    private Optional<Preentries.Entry> draft(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName())) {
                return preentries.byDraftToken(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static void noStore(HttpServletResponse response) {
        // Entries must not linger in a shared computer's cache.
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
    }

}

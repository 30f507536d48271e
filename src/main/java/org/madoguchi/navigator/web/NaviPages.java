package org.madoguchi.navigator.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.madoguchi.forms.FormKind;
import org.madoguchi.navigator.NavigatorUsage;
import org.madoguchi.navigator.flow.Flow;
import org.madoguchi.navigator.flow.FlowCatalog;
import org.madoguchi.navigator.flow.OutcomeItem;
import org.madoguchi.navigator.flow.Question;
import org.madoguchi.platform.JapaneseDates;
import org.madoguchi.navigator.plan.ShortCodes;
import org.madoguchi.navigator.plan.VisitPlan;
import org.madoguchi.platform.QrCodes;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.PlainPlanCodes;
import org.madoguchi.reception.ReceptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The navigator's pages under /navi: one question per page, plain GET forms whose hidden fields carry the
 * answers so far (choices only, never personal data), so the browser's back button, bookmarks and shared links
 * all work without JavaScript or a session.
 */
@Controller
class NaviPages {

    private static final Logger log = LoggerFactory.getLogger(NaviPages.class);

    private final FlowCatalog catalog;
    private final FloorDirectory floors;
    private final ReceptionService reception;
    private final NavigatorUsage usage;
    private final ShortCodes shortCodes;
    private final MessageSource messages;
    private final Clock clock;

    NaviPages(FlowCatalog catalog, FloorDirectory floors, ReceptionService reception, NavigatorUsage usage,
              ShortCodes shortCodes, MessageSource messages, Clock clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.floors = floors;
        this.reception = reception;
        this.usage = usage;
        this.shortCodes = shortCodes;
        this.messages = messages;
    }

    record FlowLink(String id, String title, String href) {
    }

    record OptionView(String value, String text, boolean checked) {
    }

    record Hidden(String name, String value) {
    }

    /** The date field of a date question: what to put back in it and whether "unknown" is offered/ticked. */
    record DateField(String value, boolean optional, boolean unknown) {
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Flow.ZONE));
    }

    private String common(Model model, HttpServletRequest request, Locale locale) {
        String lang = NaviLanguage.of(locale);
        model.addAttribute("lang", lang);
        model.addAttribute("htmlLang", NaviLanguage.htmlLang(lang));
        model.addAttribute("naviLangs", NaviLanguage.links(request, lang));
        return lang;
    }

    @GetMapping("/navi")
    String index(Model model, HttpServletRequest request, Locale locale) {
        String lang = common(model, request, locale);
        model.addAttribute("lifeEvents", links(Flow.Group.LIFE_EVENT, lang));
        model.addAttribute("certificates", links(Flow.Group.CERTIFICATE, lang));
        return "navigator/index";
    }

    private List<FlowLink> links(Flow.Group group, String lang) {
        return catalog.flows().stream().filter(f -> f.group() == group)
                .map(f -> new FlowLink(f.id(), f.title().get(lang), "/navi/" + f.id())).toList();
    }

    @GetMapping("/navi/{flowId}")
    String question(@PathVariable String flowId, @RequestParam MultiValueMap<String, String> params,
                    Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String lang = common(model, request, locale);
        Optional<Flow> found = catalog.flow(flowId);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        Flow flow = found.get();
        Map<String, List<String>> answers = flow.clean(params, today());
        String at = params.getFirst("at");
        Optional<Question> question = at == null ? Optional.empty()
                : flow.question(at).filter(q -> flow.applies(q, answers));
        if (question.isEmpty()) {
            question = flow.firstOpen(answers);
        }
        if (question.isEmpty()) {
            return "redirect:" + url("/navi/" + flowId + "/result", answers, null);
        }
        if (answers.isEmpty() && at == null) {
            usage.count(flowId, NavigatorUsage.Measure.STARTED);
        }
        return showQuestion(flow, question.get(), answers, answers.getOrDefault(question.get().id(), List.of()), null,
                null, model, lang);
    }

    @GetMapping("/navi/{flowId}/answer")
    String answer(@PathVariable String flowId, @RequestParam MultiValueMap<String, String> params, Model model,
                  HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String lang = common(model, request, locale);
        Optional<Flow> found = catalog.flow(flowId);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        Flow flow = found.get();
        Optional<Question> asked = Optional.ofNullable(params.getFirst("from")).flatMap(flow::question);
        LocalDate today = today();
        if (asked.isEmpty()) {
            return "redirect:" + url("/navi/" + flowId, flow.clean(params, today), null);
        }
        Question q = asked.get();
        List<String> given = params.getOrDefault(q.id(), List.of());
        String dateError = null;
        if (q.date()) {
            // The visitor types 和暦 or 西暦; the address then carries the date as yyyy-MM-dd.
            MultiValueMap<String, String> normalised = new LinkedMultiValueMap<>(params);
            normalised.remove(q.id());
            String typed = given.stream().filter(v -> !v.isBlank() && !v.equals(Question.UNKNOWN)).findFirst().orElse(null);
            if (given.contains(Question.UNKNOWN) && q.optional()) {
                normalised.add(q.id(), Question.UNKNOWN);
            } else if (typed == null) {
                dateError = msg(q.optional() ? "navi.error.date.required-or-unknown" : "navi.error.date.required", lang);
            } else {
                try {
                    LocalDate date = JapaneseDates.parse(typed);
                    if (q.inRange(date, today)) {
                        normalised.add(q.id(), date.toString());
                    } else {
                        dateError = msg("navi.error.date.range", lang, NaviDates.format(q.earliest(today), lang),
                                NaviDates.format(q.latest(today), lang));
                    }
                } catch (IllegalArgumentException e) {
                    // JapaneseDates explains in Japanese (e.g. which era a date belongs to); other languages get
                    // their own sentence followed by that explanation.
                    dateError = NaviLanguage.japanese(lang) ? e.getMessage()
                            : msg("navi.error.date", lang) + " (" + e.getMessage() + ")";
                }
            }
            params = normalised;
            if (dateError != null) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                return showQuestion(flow, q, flow.clean(params, today), List.of(), dateError, typed, model, lang);
            }
        }
        Map<String, List<String>> answers = flow.clean(params, today);
        if (!answers.containsKey(q.id())) {
            // Nothing chosen, or a choice that does not exist: ask again, keeping every other answer.
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            String error = given.contains(Question.NONE) && given.size() > 1 ? "navi.error.none" : "navi.error.required";
            return showQuestion(flow, q, answers, List.of(), msg(error, lang), null, model, lang);
        }
        Optional<Question> next = flow.after(q.id(), answers);
        if (next.isPresent()) {
            return "redirect:" + url("/navi/" + flowId, answers, next.get().id());
        }
        Optional<Question> open = flow.firstOpen(answers);
        if (open.isPresent()) {
            return "redirect:" + url("/navi/" + flowId, answers, open.get().id());
        }
        usage.count(flowId, NavigatorUsage.Measure.COMPLETED);
        return "redirect:" + url("/navi/" + flowId + "/result", answers, null);
    }

    private String msg(String key, String lang, Object... args) {
        return messages.getMessage(key, args, localeOf(lang));
    }

    /**
     * @param error the message shown beside the field, already in the page's language
     * @param typed for a date question, the text the visitor typed (kept when it could not be used)
     */
    private String showQuestion(Flow flow, Question q, Map<String, List<String>> answers, List<String> selected,
                                String error, String typed, Model model, String lang) {
        model.addAttribute("flowId", flow.id());
        model.addAttribute("flowTitle", flow.title().get(lang));
        model.addAttribute("lead", flow.lead() != null && flow.before(q.id(), answers).isEmpty() ? flow.lead().get(lang) : null);
        model.addAttribute("question", q);
        model.addAttribute("questionText", q.text().get(lang));
        model.addAttribute("hint", q.hint() == null ? null : q.hint().get(lang));
        model.addAttribute("multiple", q.multiple());
        model.addAttribute("position", flow.position(q.id(), answers));
        model.addAttribute("error", error);
        List<OptionView> options = new ArrayList<>();
        for (Question.Option o : q.options()) {
            String text = switch (q.type()) {
                case YESNO -> messages.getMessage("navi.option." + o.value(), null, localeOf(lang));
                case DATE -> messages.getMessage("navi.date.unknown", null, localeOf(lang));
                case COUNT -> messages.getMessage(Integer.parseInt(o.value()) == q.max() ? "navi.count.more" : "navi.count",
                        new Object[] {Integer.parseInt(o.value())}, localeOf(lang));
                default -> o.text().get(lang);
            };
            options.add(new OptionView(o.value(), text, selected.contains(o.value())));
        }
        model.addAttribute("options", q.date() ? List.of() : options);
        if (q.date()) {
            String value = typed != null ? typed : selected.stream().findFirst().flatMap(Question::parseIso)
                    .map(d -> NaviDates.field(d, lang)).orElse("");
            model.addAttribute("dateField", new DateField(value, q.optional(), selected.contains(Question.UNKNOWN)));
        }
        List<Hidden> hidden = new ArrayList<>();
        answers.forEach((id, values) -> {
            if (!id.equals(q.id())) {
                values.forEach(v -> hidden.add(new Hidden(id, v)));
            }
        });
        model.addAttribute("hidden", hidden);
        model.addAttribute("back", flow.before(q.id(), answers)
                .map(b -> url("/navi/" + flow.id(), answers, b.id())).orElse("/navi"));
        return "navigator/question";
    }

    @GetMapping("/navi/{flowId}/result")
    String result(@PathVariable String flowId, @RequestParam MultiValueMap<String, String> params, Model model,
                  HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String lang = common(model, request, locale);
        Optional<Flow> found = catalog.flow(flowId);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        Flow flow = found.get();
        LocalDate today = today();
        Map<String, List<String>> answers = flow.clean(params, today);
        Optional<Question> open = flow.firstOpen(answers);
        if (open.isPresent()) {
            return "redirect:" + url("/navi/" + flowId, answers, open.get().id());
        }
        Floor floor = floors.floor(catalog.officeId());
        List<OutcomeItem> items = flow.outcome(answers);
        VisitPlan plan = VisitPlan.of(items, floor);
        OfficeSummary summary = null;
        try {
            summary = reception.summary(catalog.officeId());
        } catch (RuntimeException e) {
            // The outcome is still useful without the live numbers; the page says they are unavailable.
            log.warn("navigator: live waits unavailable: {}", e.toString());
        }
        model.addAttribute("flowId", flowId);
        model.addAttribute("flowTitle", flow.title().get(lang));
        model.addAttribute("view", OutcomeView.build(flow, items, answers, today, plan, floor, summary, catalog,
                (key, args) -> msg(key, lang, args), lang));
        model.addAttribute("liveAvailable", summary != null);
        model.addAttribute("back", flow.before(null, answers).map(b -> url("/navi/" + flowId, answers, b.id())).orElse("/navi"));
        String shareUrl = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                .replaceQuery(null).build().toUriString();
        model.addAttribute("shareUrl", UriComponentsBuilder.fromUriString(url(shareUrl, answers, null))
                .queryParam("lang", lang).build().toUriString());
        if (!plan.empty()) {
            String code = PlainPlanCodes.encode(plan.ticket());
            model.addAttribute("planCode", code);
            model.addAttribute("shortCode", shortCodes.codeFor(code, flowId));
            model.addAttribute("qr", QrCodes.svg(code, 40, messages.getMessage("navi.result.qr.label", null, localeOf(lang))));
            boolean forms = plan.steps().stream().flatMap(s -> s.procedureIds().stream())
                    .anyMatch(p -> FormKind.forProcedure(p).isPresent());
            if (forms) {
                model.addAttribute("preentry", "/preentry?plan=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
            }
        }
        return "navigator/result";
    }

    private String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "navigator/unknown";
    }

    static Locale localeOf(String lang) {
        return lang.equals("ja-yasashii") ? new Locale.Builder().setLanguage("ja").setVariant("yasashii").build()
                : Locale.forLanguageTag(lang);
    }

    /** A navigator URL carrying the answers as query parameters (encoded). */
    static String url(String path, Map<String, List<String>> answers, String at) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        if (at != null) {
            query.add("at", at);
        }
        new LinkedHashMap<>(answers).forEach((k, v) -> v.forEach(value -> query.add(k, value)));
        return UriComponentsBuilder.fromUriString(path).queryParams(query).encode().build().toUriString();
    }
}

package org.madoguchi.navigator.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.madoguchi.liveinfo.OfficeDays;
import org.madoguchi.navigator.flow.Dictionary;
import org.madoguchi.navigator.flow.Due;
import org.madoguchi.navigator.flow.DueDate;
import org.madoguchi.navigator.flow.FeeTable;
import org.madoguchi.navigator.flow.Flow;
import org.madoguchi.navigator.flow.FlowCatalog;
import org.madoguchi.navigator.flow.OutcomeItem;
import org.madoguchi.navigator.flow.Text;
import org.madoguchi.navigator.plan.VisitPlan;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.OfficeSummary;

/** The outcome page's content in one language: departments in visiting order with their items, fees, alternatives. */
record OutcomeView(List<Department> departments, List<Item> elsewhere, List<FeeRow> fees, List<Alternative> alternatives,
                   List<String> separate, boolean anyConfirm) {

    record Department(String id, String name, String place, String counters, Integer waiting, Long waitMinutes,
                      boolean inTicket, List<Item> items) {
    }

    record Item(String id, String title, String where, String deadline, DueView due, List<String> bring, String note,
                boolean confirm) {
    }

    /**
     * A computed deadline in the page's language: the sentence with the last day, and the notes that apply
     * (closed that day — 要確認, already passed, not yet possible).
     */
    record DueView(String lastDay, String sentence, boolean passed, String passedNote, String closedNote,
                   String notYetNote) {
    }

    record FeeRow(String title, Integer convenience, Integer counter, Integer mail, Integer online) {
    }

    record Alternative(String title, String text, boolean confirm) {
    }

    static OutcomeView build(Flow flow, List<OutcomeItem> items, Map<String, List<String>> answers, LocalDate today,
                             VisitPlan plan, Floor floor, OfficeSummary summary, FlowCatalog catalog,
                             BiFunction<String, Object[], String> messages, String lang) {
        java.util.function.Function<OutcomeItem, Item> toItem = i -> item(i, dictionary(catalog), lang,
                flow.dueDate(i, answers, today, OfficeDays::isBusinessDay).map(d -> due(d, messages, lang)).orElse(null));
        boolean ja = NaviLanguage.japanese(lang);
        Dictionary dictionary = catalog.dictionary();
        List<Department> departments = new ArrayList<>();
        for (ItineraryStep step : plan.steps()) {
            Floor.Department d = floor.department(step.departmentId()).orElseThrow();
            List<Floor.Counter> counters = floor.counters().stream().filter(c -> c.departmentIds().contains(d.id())).toList();
            String counterLabel = counters.isEmpty() ? "" : counters.size() == 1 ? label(counters.get(0), ja)
                    : label(counters.get(0), ja) + "〜" + label(counters.get(counters.size() - 1), ja);
            OfficeSummary.Department live = summary == null ? null : summary.departments().stream()
                    .filter(s -> s.id().equals(d.id())).findFirst().orElse(null);
            List<Item> its = items.stream().filter(i -> d.id().equals(i.department())).map(toItem).toList();
            departments.add(new Department(d.id(), ja ? d.nameJa() : d.nameEn() + "（" + d.nameJa() + "）",
                    d.floor() + " " + d.area(), counterLabel, live == null ? null : live.waiting(),
                    live == null || live.longestWaitSeconds() == null ? null : (live.longestWaitSeconds() + 59) / 60,
                    plan.ticket().contains(step), its));
        }
        List<Item> elsewhere = items.stream().filter(i -> i.department() == null).map(toItem).toList();
        Set<String> feeIds = new LinkedHashSet<>();
        Set<String> alternativeIds = new LinkedHashSet<>();
        items.forEach(i -> {
            feeIds.addAll(i.fees());
            alternativeIds.addAll(i.alternatives());
        });
        List<FeeRow> fees = feeIds.stream().map(id -> catalog.fees().fee(id).orElseThrow())
                .map(f -> new FeeRow(f.title().get(lang), f.convenience(), f.counter(), f.mail(), f.online())).toList();
        List<Alternative> alternatives = alternativeIds.stream().map(id -> dictionary.alternatives().get(id))
                .map(a -> new Alternative(a.title().get(lang), a.text().get(lang), a.confirm())).toList();
        Map<String, String> names = new LinkedHashMap<>();
        plan.separate().forEach(id -> names.put(id, floor.department(id).map(d -> ja ? d.nameJa() : d.nameEn()).orElse(id)));
        boolean anyConfirm = items.stream().anyMatch(OutcomeItem::confirm)
                || alternatives.stream().anyMatch(Alternative::confirm);
        return new OutcomeView(departments, elsewhere, fees, alternatives, List.copyOf(names.values()), anyConfirm);
    }

    private static Dictionary dictionary(FlowCatalog catalog) {
        return catalog.dictionary();
    }

    static DueView due(DueDate d, BiFunction<String, Object[], String> messages, String lang) {
        String last = NaviDates.format(d.lastDay(), lang);
        String sentence = messages.apply(d.kind() == Due.Kind.NOTIFICATION ? "navi.due.notification" : "navi.due.application",
                new Object[] {last});
        return new DueView(last, sentence, d.passed(),
                d.passed() ? messages.apply("navi.due.passed", new Object[0]) : null,
                d.closed() ? messages.apply("navi.due.closed", new Object[] {last, NaviDates.format(d.nextOpen(), lang)}) : null,
                d.notYet() ? messages.apply("navi.due.not-yet", new Object[] {NaviDates.format(d.event(), lang)}) : null);
    }

    private static Item item(OutcomeItem i, Dictionary dictionary, String lang, DueView due) {
        return new Item(i.id(), i.title().get(lang), text(i.where(), lang), text(i.deadline(), lang), due,
                i.bring().stream().map(b -> dictionary.bring().get(b).get(lang)).toList(), text(i.note(), lang), i.confirm());
    }

    private static String text(Text text, String lang) {
        return text == null ? null : text.get(lang);
    }

    private static String label(Floor.Counter counter, boolean ja) {
        return ja ? counter.labelJa() : counter.labelEn();
    }

    static List<String> channels() {
        return FeeTable.CHANNELS;
    }
}

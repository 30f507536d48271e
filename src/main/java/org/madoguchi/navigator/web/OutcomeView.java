package org.madoguchi.navigator.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madoguchi.navigator.flow.Dictionary;
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

    record Item(String id, String title, String where, String deadline, List<String> bring, String note, boolean confirm) {
    }

    record FeeRow(String title, Integer convenience, Integer counter, Integer mail, Integer online) {
    }

    record Alternative(String title, String text, boolean confirm) {
    }

    static OutcomeView build(Flow flow, List<OutcomeItem> items, VisitPlan plan, Floor floor, OfficeSummary summary,
                             FlowCatalog catalog, String lang) {
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
            List<Item> its = items.stream().filter(i -> d.id().equals(i.department())).map(i -> item(i, dictionary, lang)).toList();
            departments.add(new Department(d.id(), ja ? d.nameJa() : d.nameEn() + "（" + d.nameJa() + "）",
                    d.floor() + " " + d.area(), counterLabel, live == null ? null : live.waiting(),
                    live == null || live.longestWaitSeconds() == null ? null : (live.longestWaitSeconds() + 59) / 60,
                    plan.ticket().contains(step), its));
        }
        List<Item> elsewhere = items.stream().filter(i -> i.department() == null).map(i -> item(i, dictionary, lang)).toList();
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

    private static Item item(OutcomeItem i, Dictionary dictionary, String lang) {
        return new Item(i.id(), i.title().get(lang), text(i.where(), lang), text(i.deadline(), lang),
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

package org.madoguchi.navigator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.madoguchi.navigator.flow.Dictionary;
import org.madoguchi.navigator.flow.FeeTable;
import org.madoguchi.navigator.flow.Flow;
import org.madoguchi.navigator.flow.FlowCatalog;
import org.madoguchi.navigator.flow.FlowLoader;
import org.madoguchi.navigator.flow.OutcomeItem;

/** The repository's flow files, read without the application (as the start-up does). */
final class Flows {

    static final Dictionary DICTIONARY = FlowLoader.dictionary("navigator/common.yaml",
            FlowCatalog.read("classpath:navigator/common.yaml"));
    static final FeeTable FEES = FlowLoader.fees("navigator/fees.yaml", FlowCatalog.read("classpath:navigator/fees.yaml"));
    static final Map<String, Flow> ALL = FlowCatalog.load(FlowCatalog.FLOWS, DICTIONARY, FEES);

    private Flows() {
    }

    static Flow flow(String id) {
        return ALL.get(id);
    }

    /** Answers as a query string in question order, e.g. {@code moved-from=domestic&ages=age20+age65}. */
    static String answers(Map<String, List<String>> answers) {
        return answers.entrySet().stream().map(e -> e.getKey() + "=" + String.join("+", e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The outcome as a reviewer reads it: item ids, and department=procedure for the counters. */
    static String outcome(List<OutcomeItem> items) {
        return outcome(items, i -> "");
    }

    /** As {@link #outcome(List)}, each item followed by {@code extra} (e.g. its computed deadline). */
    static String outcome(List<OutcomeItem> items, java.util.function.Function<OutcomeItem, String> extra) {
        return items.stream().map(i -> (i.department() == null ? i.id()
                        : i.id() + "@" + i.department() + (i.procedure() == null ? "" : "=" + i.procedure())) + extra.apply(i))
                .collect(Collectors.joining(" "));
    }
}

package org.madoguchi.navigator.flow;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A life event or certificate group: questions asked one per page, and the outcome items they select. */
public record Flow(String id, int version, Group group, int order, Text title, Text lead, List<Question> questions,
                   List<OutcomeItem> outcomes, String file) {

    public enum Group { LIFE_EVENT, CERTIFICATE }

    /** Dates in answers and deadlines are Itabashi's calendar days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public boolean applies(Question q, Map<String, List<String>> answers) {
        return q.when().matches(answers) && (q.unless().isEmpty() || !q.unless().matchesAny(answers));
    }

    /** Answers of questions that apply and with allowed values only, in question order (today in Tokyo). */
    public Map<String, List<String>> clean(Map<String, List<String>> raw) {
        return clean(raw, LocalDate.now(ZONE));
    }

    /** As {@link #clean(Map)}, with date answers checked against the bounds around {@code today}. */
    public Map<String, List<String>> clean(Map<String, List<String>> raw, LocalDate today) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (Question q : questions) {
            List<String> given = raw.get(q.id());
            if (given == null || given.isEmpty() || !applies(q, kept)) {
                continue;
            }
            List<String> valid = given.stream().distinct().filter(v -> q.accepts(v, today)).toList();
            boolean noneWithOthers = valid.size() > 1 && valid.contains(Question.NONE);
            if (valid.size() == given.stream().distinct().count() && (q.multiple() || valid.size() == 1) && !noneWithOthers) {
                kept.put(q.id(), valid);
            }
        }
        return kept;
    }

    /** The first question that applies and is not answered yet; empty when the outcome can be shown. */
    public Optional<Question> firstOpen(Map<String, List<String>> answers) {
        return questions.stream().filter(q -> !answers.containsKey(q.id()) && applies(q, answers)).findFirst();
    }

    /** The next applicable question after {@code questionId}, answered or not. */
    public Optional<Question> after(String questionId, Map<String, List<String>> answers) {
        int index = indexOf(questionId);
        for (int i = index + 1; i < questions.size(); i++) {
            if (applies(questions.get(i), answers)) {
                return Optional.of(questions.get(i));
            }
        }
        return Optional.empty();
    }

    /** The applicable question before {@code questionId} (for the back link), or empty on the first one. */
    public Optional<Question> before(String questionId, Map<String, List<String>> answers) {
        int index = questionId == null ? questions.size() : indexOf(questionId);
        for (int i = index - 1; i >= 0; i--) {
            if (applies(questions.get(i), answers) && answers.containsKey(questions.get(i).id())) {
                return Optional.of(questions.get(i));
            }
        }
        return Optional.empty();
    }

    /** Number of the question among those that apply (1-based) and how many apply so far. */
    public int position(String questionId, Map<String, List<String>> answers) {
        int n = 0;
        for (Question q : questions) {
            if (applies(q, answers)) {
                n++;
            }
            if (q.id().equals(questionId)) {
                return n;
            }
        }
        return n;
    }

    public List<OutcomeItem> outcome(Map<String, List<String>> answers) {
        List<OutcomeItem> items = new ArrayList<>();
        for (OutcomeItem item : outcomes) {
            if (item.when().matches(answers) && (item.unless().isEmpty() || !item.unless().matchesAny(answers))) {
                items.add(item);
            }
        }
        return items;
    }

    /**
     * The deadline of an item for these answers, when the item has a {@code due} rule and its date question was
     * answered with a date (not "unknown").
     */
    public Optional<DueDate> dueDate(OutcomeItem item, Map<String, List<String>> answers, LocalDate today,
                                     java.util.function.Predicate<LocalDate> openDay) {
        if (item.due() == null) {
            return Optional.empty();
        }
        List<String> given = answers.getOrDefault(item.due().question(), List.of());
        return given.stream().findFirst().flatMap(Question::parseIso)
                .map(event -> DueDate.of(item.due(), event, today, openDay));
    }

    /** Every complete set of answers a visitor can give (for the path tests and reviews), as of today. */
    public List<Map<String, List<String>>> allPaths() {
        return allPaths(LocalDate.now(ZONE));
    }

    /**
     * Every combination of the choices; a date question is answered with {@code today} there (dates cannot be
     * enumerated and no condition depends on them). Then, per date question, the path with the most outcome items
     * is repeated with a few representative dates: near the end of a 14-day period, past it, one whose 14-day
     * period ends on a Sunday, a future date and "unknown" — whichever the question's bounds allow.
     */
    public List<Map<String, List<String>>> allPaths(LocalDate today) {
        List<Map<String, List<String>>> paths = new ArrayList<>();
        walk(new LinkedHashMap<>(), paths, today);
        for (Question q : questions) {
            if (!q.date()) {
                continue;
            }
            Map<String, List<String>> richest = null;
            for (Map<String, List<String>> p : paths) {
                if (p.containsKey(q.id()) && (richest == null || outcome(p).size() > outcome(richest).size())) {
                    richest = p;
                }
            }
            if (richest == null) {
                continue;
            }
            for (String sample : samples(q, today)) {
                Map<String, List<String>> variant = new LinkedHashMap<>(richest);
                variant.put(q.id(), List.of(sample));
                paths.add(variant);
            }
        }
        return paths;
    }

    private static List<String> samples(Question q, LocalDate today) {
        List<LocalDate> dates = new ArrayList<>();
        dates.add(today.minusDays(13));
        dates.add(today.minusDays(40));
        LocalDate sunday = today.minusDays(1);
        while (sunday.plusDays(14).getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
            sunday = sunday.minusDays(1);
        }
        dates.add(sunday);
        dates.add(today.plusDays(10));
        List<String> samples = new ArrayList<>(dates.stream().filter(d -> q.inRange(d, today)).distinct()
                .map(LocalDate::toString).toList());
        if (q.optional()) {
            samples.add(Question.UNKNOWN);
        }
        return samples;
    }

    private void walk(Map<String, List<String>> answers, List<Map<String, List<String>>> paths, LocalDate today) {
        Optional<Question> open = firstOpen(answers);
        if (open.isEmpty()) {
            paths.add(new LinkedHashMap<>(answers));
            return;
        }
        Question q = open.get();
        for (List<String> choice : q.date() ? List.of(List.of((q.inRange(today, today) ? today : q.earliest(today)).toString())) : choices(q)) {
            answers.put(q.id(), choice);
            walk(answers, paths, today);
            answers.remove(q.id());
        }
    }

    private static List<List<String>> choices(Question q) {
        List<List<String>> choices = new ArrayList<>();
        if (!q.multiple()) {
            q.values().forEach(v -> choices.add(List.of(v)));
            return choices;
        }
        List<String> values = q.values();
        for (int mask = 1; mask < (1 << values.size()); mask++) {
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    chosen.add(values.get(i));
                }
            }
            if (chosen.size() == 1 || !chosen.contains(Question.NONE)) {
                choices.add(chosen);
            }
        }
        return choices;
    }

    private int indexOf(String questionId) {
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).id().equals(questionId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no question " + questionId + " in flow " + id);
    }
}

package org.madoguchi.reception.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.madoguchi.reception.ItineraryStep;

/**
 * What a simulated visitor came for: the itinerary booked at the first counter, a hand-over decided only
 * at the counter, and the priority class. Procedure ids are the ones of the Itabashi floor migration (V3).
 * Pure data and a random source, no Spring, so a test can check it against the migration.
 */
public final class VisitorMix {

    /** One kind of visit: the steps booked on the ticket and, sometimes, a step added at the counter. */
    public record Kind(double weight, List<ItineraryStep> itinerary, ItineraryStep unplanned, double unplannedChance) {
        public Kind {
            itinerary = List.copyOf(itinerary);
        }
    }

    /** A visitor ready to be issued a ticket. */
    public record Visitor(List<ItineraryStep> itinerary, String priorityClass, ItineraryStep unplanned) {
    }

    private static final Map<String, List<Kind>> KINDS = new LinkedHashMap<>();
    /** Chance of each priority class per first department: {PREGNANT, DISABILITY, ELDERLY}. */
    private static final Map<String, double[]> PRIORITY = new LinkedHashMap<>();
    private static final double[] DEFAULT_PRIORITY = {0.01, 0.02, 0.04};

    static {
        // Hand-overs (a booked next department, or one the counter adds) follow the ward's share per department
        // (ItabashiPattern.handOverShare, the generated history's too); handOverChance checks the weights below.
        // 戸籍住民課: mostly certificates, then moves (転入 often continues at 国保 and 子育て) and life events.
        KINDS.put("koseki-jumin", List.of(
                kind(30, null, 0, step("koseki-jumin", "juminhyo")),
                kind(8, null, 0, step("koseki-jumin", "inkan-shomei")),
                kind(10, null, 0, step("koseki-jumin", "koseki-shomei")),
                kind(5, null, 0, step("koseki-jumin", "tennyu", "mynumber-jusho")),
                kind(1.8, null, 0, step("koseki-jumin", "tennyu"), step("kokuho-nenkin", "kokuho-kanyu")),
                kind(0.8, null, 0, step("koseki-jumin", "tennyu"), step("kosodate", "jido-teate", "kodomo-iryo")),
                kind(0.5, null, 0, step("koseki-jumin", "tennyu"), step("kokuho-nenkin", "kokuho-kanyu", "nenkin"),
                        step("kosodate", "jido-teate")),
                kind(7, step("kokuho-nenkin", "kokuho-dattai"), 0.1, step("koseki-jumin", "tenshutsu")),
                kind(6, null, 0, step("koseki-jumin", "tenkyo", "mynumber-jusho")),
                kind(9, null, 0, step("koseki-jumin", "mynumber-kofu")),
                kind(2, null, 0, step("koseki-jumin", "inkan-toroku")),
                kind(2, null, 0, step("koseki-jumin", "konin")),
                kind(0.5, null, 0, step("koseki-jumin", "rikon")),
                kind(0.8, step("kokuho-nenkin", "kokuho-kanyu"), 0.2, step("koseki-jumin", "shussei"),
                        step("kosodate", "jido-teate", "kodomo-iryo")),
                kind(0.5, null, 0, step("koseki-jumin", "shibo"), step("koki-korei", "koki-shikaku"),
                        step("kaigo", "kaigo-shikaku"))));
        KINDS.put("kokuho-nenkin", List.of(
                kind(20, step("kosodate", "kodomo-iryo"), 0.03, step("kokuho-nenkin", "kokuho-kanyu")),
                kind(15, null, 0, step("kokuho-nenkin", "kokuho-dattai")),
                kind(19, null, 0, step("kokuho-nenkin", "kokuho-kyufu")),
                // 高額医療・高額介護合算: the claim continues at 介護保険課.
                kind(1, null, 0, step("kokuho-nenkin", "kokuho-kyufu"), step("kaigo", "kaigo-kyufu")),
                kind(20, null, 0, step("kokuho-nenkin", "kokuho-hokenryo")),
                kind(20, null, 0, step("kokuho-nenkin", "nenkin")),
                // Turning 75 moves people from 国保 to 後期高齢者医療.
                kind(5, step("koki-korei", "koki-shikaku"), 0.3, step("kokuho-nenkin", "kokuho-dattai"))));
        KINDS.put("kosodate", List.of(
                kind(45, step("kokuho-nenkin", "kokuho-kanyu"), 0.02, step("kosodate", "jido-teate")),
                kind(35, step("kokuho-nenkin", "kokuho-kanyu"), 0.06, step("kosodate", "kodomo-iryo")),
                kind(20, null, 0, step("kosodate", "hitorioya-genkyo"))));
        // The three elderly departments share counters 31 to 34 (高齢者総合相談窓口) and send visitors to each other.
        KINDS.put("koki-korei", List.of(
                kind(58, step("choju", "keiro-nyuyoku"), 0.05, step("koki-korei", "koki-shikaku")),
                kind(40, step("kaigo", "kaigo-shikaku"), 0.08, step("koki-korei", "koki-hokenryo")),
                kind(2, null, 0, step("koki-korei", "koki-shikaku"), step("kaigo", "kaigo-shikaku"))));
        KINDS.put("kaigo", List.of(
                kind(35, step("koki-korei", "koki-shikaku"), 0.07, step("kaigo", "kaigo-shikaku")),
                kind(35, step("choju", "keiro-nyuyoku"), 0.1, step("kaigo", "kaigo-nintei")),
                kind(30, null, 0, step("kaigo", "kaigo-kyufu"))));
        KINDS.put("choju", List.of(
                kind(70, step("koki-korei", "koki-shikaku"), 0.046, step("choju", "keiro-nyuyoku")),
                kind(25, null, 0, step("choju", "senior-club")),
                kind(4.8, null, 0, step("choju", "keiro-nyuyoku"), step("kaigo", "kaigo-nintei"))));
        // Departments outside the linked floor take single-department tickets only.
        KINDS.put("kazei", List.of(
                kind(60, null, 0, step("kazei", "kazei-shomei")),
                kind(40, null, 0, step("kazei", "jumin-zei-shinkoku"))));
        KINDS.put("nozei", List.of(
                kind(65, null, 0, step("nozei", "nozei-shomei")),
                kind(35, null, 0, step("nozei", "nofu-sodan"))));
        KINDS.put("shogai", List.of(kind(100, null, 0, step("shogai", "shogai-sodan"))));
        KINDS.put("hoiku", List.of(kind(100, null, 0, step("hoiku", "hoiku-nyuen"))));

        PRIORITY.put("koki-korei", new double[] {0.0, 0.03, 0.30});
        PRIORITY.put("kaigo", new double[] {0.0, 0.04, 0.25});
        PRIORITY.put("choju", new double[] {0.0, 0.02, 0.30});
        PRIORITY.put("kosodate", new double[] {0.08, 0.02, 0.0});
        PRIORITY.put("shogai", new double[] {0.0, 0.30, 0.05});
    }

    private static Kind kind(double weight, ItineraryStep unplanned, double unplannedChance, ItineraryStep... steps) {
        return new Kind(weight, List.of(steps), unplanned, unplannedChance);
    }

    private static ItineraryStep step(String departmentId, String... procedureIds) {
        return new ItineraryStep(departmentId, List.of(procedureIds));
    }

    public List<String> departments() {
        return List.copyOf(KINDS.keySet());
    }

    public List<Kind> kinds(String firstDepartment) {
        return KINDS.getOrDefault(firstDepartment, List.of());
    }

    /** Draws a visitor whose ticket starts at {@code firstDepartment}. */
    public Visitor draw(String firstDepartment, RandomGenerator random) {
        List<Kind> kinds = kinds(firstDepartment);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("No visitor mix for " + firstDepartment);
        }
        double total = kinds.stream().mapToDouble(Kind::weight).sum();
        double pick = random.nextDouble() * total;
        Kind chosen = kinds.get(kinds.size() - 1);
        for (Kind k : kinds) {
            pick -= k.weight();
            if (pick < 0) {
                chosen = k;
                break;
            }
        }
        ItineraryStep unplanned = chosen.unplanned() != null && random.nextDouble() < chosen.unplannedChance()
                ? chosen.unplanned() : null;
        return new Visitor(chosen.itinerary(), priorityClass(firstDepartment, random), unplanned);
    }

    private static String priorityClass(String firstDepartment, RandomGenerator random) {
        double[] p = PRIORITY.getOrDefault(firstDepartment, DEFAULT_PRIORITY);
        double r = random.nextDouble();
        if (r < p[0]) {
            return "PREGNANT";
        }
        if (r < p[0] + p[1]) {
            return "DISABILITY";
        }
        if (r < p[0] + p[1] + p[2]) {
            return "ELDERLY";
        }
        return "GENERAL";
    }

    /**
     * Expected minutes a counter is taken per ticket first issued at {@code firstDepartment}, by department that
     * does the work: each procedure's typical minutes plus {@code perVisit} for every visit (calling, walking up).
     * Used to size the simulated counters.
     */
    public Map<String, Double> expectedWorkMinutes(String firstDepartment, Map<String, Integer> typicalMinutes,
                                                   double perVisit) {
        Map<String, Double> work = new LinkedHashMap<>();
        List<Kind> kinds = kinds(firstDepartment);
        double total = kinds.stream().mapToDouble(Kind::weight).sum();
        for (Kind k : kinds) {
            double share = k.weight() / total;
            for (ItineraryStep s : k.itinerary()) {
                work.merge(s.departmentId(), share * (minutes(s, typicalMinutes) + perVisit), Double::sum);
            }
            if (k.unplanned() != null) {
                work.merge(k.unplanned().departmentId(),
                        share * k.unplannedChance() * (minutes(k.unplanned(), typicalMinutes) + perVisit), Double::sum);
            }
        }
        return work;
    }

    /** Chance that a ticket first issued at the department goes on to another one, booked or added at the counter. */
    public double handOverChance(String firstDepartment) {
        List<Kind> kinds = kinds(firstDepartment);
        double total = kinds.stream().mapToDouble(Kind::weight).sum();
        double handedOver = 0;
        for (Kind k : kinds) {
            handedOver += k.weight() * (k.itinerary().size() > 1 ? 1 : k.unplanned() == null ? 0 : k.unplannedChance());
        }
        return total == 0 ? 0 : handedOver / total;
    }

    /** Service minutes of a step: its procedures' typical minutes added up, at least 3. */
    public static double minutes(ItineraryStep step, Map<String, Integer> typicalMinutes) {
        int sum = 0;
        for (String p : step.procedureIds()) {
            sum += typicalMinutes.getOrDefault(p, 10);
        }
        return Math.max(3, sum);
    }

    /** Every step of every kind, for checks against the floor. */
    public List<ItineraryStep> allSteps() {
        List<ItineraryStep> steps = new ArrayList<>();
        KINDS.values().forEach(ks -> ks.forEach(k -> {
            steps.addAll(k.itinerary());
            Optional.ofNullable(k.unplanned()).ifPresent(steps::add);
        }));
        return steps;
    }
}

package org.madoguchi.statistics.history;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.platform.ItabashiPattern;

/**
 * The figures the generated history must reproduce (令和6年度 行政監査 5-1 (1) ①, 図表3 and 図表4-1) and the
 * shapes it spreads them with: the month, weekday and intra-day shapes are the ward's shared assumptions
 * ({@link ItabashiPattern}), the same the demo and the forecast use.
 */
public final class HistoryModel {

    public static final String OFFICE = "honcho";
    public static final int FIRST_YEAR = 2015;
    public static final int LAST_YEAR = 2023;

    /** The audit's row order. */
    public static final List<String> DEPARTMENTS = List.of("koseki-jumin", "choju", "kaigo", "koki-korei",
            "kokuho-nenkin", "kosodate");

    /** 図表3, tickets issued per fiscal year H27 (2015) … R5 (2023). 介護保険課 H28 is printed "17.940". */
    static final Map<String, int[]> TABLE3 = new LinkedHashMap<>();

    /** 図表4-1 for R5: yearly average, shortest month and its average, longest month and its average (seconds). */
    record WaitTarget(int averageSeconds, YearMonth shortestMonth, int shortestSeconds, YearMonth longestMonth,
                      int longestSeconds) {
    }

    static final Map<String, WaitTarget> TABLE41_R5 = new LinkedHashMap<>();

    /** Month weights, index 0 = January (peaks where 図表4-1 has its longest month). */
    static final Map<String, double[]> MONTHS = new LinkedHashMap<>();

    /** Counter ids of each department at 本庁舎 (V3__itabashi_floor.sql). */
    static final Map<String, List<String>> COUNTERS = new LinkedHashMap<>();

    /** Mean service time (call → complete) in seconds. */
    static final Map<String, Integer> SERVICE_SECONDS = Map.of("koseki-jumin", 8 * 60, "choju", 12 * 60,
            "kaigo", 13 * 60, "koki-korei", 11 * 60, "kokuho-nenkin", 12 * 60, "kosodate", 10 * 60);

    /** Share of the department's completed tickets handed over to another linked department. */
    static final Map<String, Double> HAND_OVER_SHARE = DEPARTMENTS.stream()
            .collect(java.util.stream.Collectors.toMap(d -> d, ItabashiPattern::handOverShare));

    /**
     * Where a hand-over goes, with weights: moving in leads from 戸籍住民課 to 国保年金課 (国保加入) or to
     * 子育て支援課 (児童手当); the elderly-care departments on 2階 C send visitors to each other.
     */
    static final Map<String, Map<String, Double>> HAND_OVER_TO = new LinkedHashMap<>();

    /** Monday carries the weekend's backlog. Index 0 = Monday. */
    static final double[] WEEKDAYS = ItabashiPattern.weekdayWeights();

    /** Opening hours 08:30-17:15 in 15-minute slots. */
    static final int OPENS_SECOND = ItabashiPattern.OPENS.toSecondOfDay();
    static final int SLOT_SECONDS = ItabashiPattern.SLOT_MINUTES * 60;
    static final double[] SLOTS = ItabashiPattern.slotWeights();

    /** Of all tickets: cancelled before the call, and called but absent and dropped. */
    static final double CANCELLED_SHARE = 0.01;
    static final double DROPPED_SHARE = ItabashiPattern.ABSENT_SHARE;
    /** Of the hand-overs: share that goes on to a third department. */
    static final double THIRD_STEP_SHARE = 0.15;

    static {
        TABLE3.put("koseki-jumin", new int[] {213_305, 238_858, 286_297, 276_208, 277_135, 293_612, 245_968, 270_232, 240_533});
        TABLE3.put("choju", new int[] {4_342, 3_727, 3_479, 4_209, 4_277, 3_264, 3_522, 3_811, 4_480});
        TABLE3.put("kaigo", new int[] {17_556, 17_940, 17_926, 17_979, 17_493, 13_675, 13_635, 13_960, 13_778});
        TABLE3.put("koki-korei", new int[] {14_599, 16_138, 16_037, 18_096, 17_734, 15_034, 15_212, 17_400, 17_162});
        TABLE3.put("kokuho-nenkin", new int[] {97_362, 97_748, 97_841, 93_978, 97_158, 74_873, 67_190, 70_460, 74_842});
        TABLE3.put("kosodate", new int[] {25_112, 25_425, 25_451, 25_420, 24_452, 21_701, 21_695, 20_704, 21_065});

        TABLE41_R5.put("koseki-jumin", new WaitTarget(3 * 60 + 39, YearMonth.of(2023, 8), 2 * 60 + 3, YearMonth.of(2024, 3), 7 * 60 + 48));
        TABLE41_R5.put("choju", new WaitTarget(59, YearMonth.of(2023, 12), 20, YearMonth.of(2023, 4), 60 + 52));
        TABLE41_R5.put("kaigo", new WaitTarget(60 + 27, YearMonth.of(2024, 2), 60 + 3, YearMonth.of(2023, 8), 60 + 43));
        TABLE41_R5.put("koki-korei", new WaitTarget(2 * 60 + 10, YearMonth.of(2023, 5), 60 + 29, YearMonth.of(2023, 7), 2 * 60 + 52));
        TABLE41_R5.put("kokuho-nenkin", new WaitTarget(6 * 60 + 5, YearMonth.of(2023, 8), 2 * 60 + 59, YearMonth.of(2024, 2), 13 * 60 + 37));
        TABLE41_R5.put("kosodate", new WaitTarget(2 * 60 + 45, YearMonth.of(2023, 10), 2 * 60 + 3, YearMonth.of(2023, 8), 3 * 60 + 52));

        for (String department : DEPARTMENTS) {
            MONTHS.put(department, ItabashiPattern.monthWeights(department));
        }

        COUNTERS.put("koseki-jumin", range(1, 8));
        COUNTERS.put("kokuho-nenkin", range(11, 16));
        COUNTERS.put("kosodate", range(21, 23));
        COUNTERS.put("choju", range(31, 34));
        COUNTERS.put("kaigo", range(31, 34));
        COUNTERS.put("koki-korei", range(31, 34));

        HAND_OVER_TO.put("koseki-jumin", weights("kokuho-nenkin", 0.7, "kosodate", 0.2, "koki-korei", 0.1));
        HAND_OVER_TO.put("kokuho-nenkin", weights("koki-korei", 0.5, "kaigo", 0.3, "kosodate", 0.2));
        HAND_OVER_TO.put("koki-korei", weights("kaigo", 0.6, "choju", 0.4));
        HAND_OVER_TO.put("kaigo", weights("choju", 0.5, "koki-korei", 0.5));
        HAND_OVER_TO.put("choju", weights("kaigo", 0.6, "koki-korei", 0.4));
        HAND_OVER_TO.put("kosodate", weights("kokuho-nenkin", 1.0));
    }

    private HistoryModel() {
    }

    /** Insertion-ordered, so that drawing from it is the same in every JVM (Map.of's order is not). */
    private static Map<String, Double> weights(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }

    private static List<String> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(n -> OFFICE + "-" + n).toList();
    }

    /** 図表3's count for a department and fiscal year, or 0 outside H27–R5. */
    public static int tickets(String department, int fiscalYear) {
        int[] row = TABLE3.get(department);
        if (row == null || fiscalYear < FIRST_YEAR || fiscalYear > LAST_YEAR) {
            return 0;
        }
        return row[fiscalYear - FIRST_YEAR];
    }
}

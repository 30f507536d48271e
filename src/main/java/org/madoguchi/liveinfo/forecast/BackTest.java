package org.madoguchi.liveinfo.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * How well the forecast predicts days it has not seen: fit on one period, predict every business day of a
 * later one, and compare with two naive forecasts a person could make by hand — the average of the same
 * weekday, and the same weekday one year (52 weeks) earlier. Congestion levels of every method are judged
 * against the level of the day's real count, with the fitted model's cut points.
 */
public final class BackTest {

    public enum Method { MODEL, SAME_WEEKDAY_AVERAGE, LAST_YEAR_SAME_DAY }

    /** Errors of one method on one department. {@code mape} and level accuracies are fractions (0.12 = 12 %). */
    public record Score(double mape, double mae, double levelAccuracy, double levelWithinOne) {
    }

    public record Result(String departmentId, int days, double meanDaily, Map<Method, Score> scores,
                         double hourlyMae) {
        public Score of(Method method) {
            return scores.get(method);
        }
    }

    private BackTest() {
    }

    public static Result evaluate(String departmentId, SortedMap<LocalDate, int[]> train,
                                  SortedMap<LocalDate, int[]> test, BusinessCalendar calendar, double shrink) {
        DepartmentModel model = DepartmentModel.fit(train, StandardPattern.of(departmentId), calendar, shrink);
        Map<DayOfWeek, double[]> weekdayMean = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<LocalDate, int[]> e : train.entrySet()) {
            if (calendar.isBusinessDay(e.getKey())) {
                double[] acc = weekdayMean.computeIfAbsent(e.getKey().getDayOfWeek(), k -> new double[2]);
                acc[0] += total(e.getValue());
                acc[1]++;
            }
        }
        Map<Method, List<double[]>> pairs = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            pairs.put(m, new ArrayList<>());
        }
        double hourlyError = 0;
        int hours = 0;
        double sum = 0;
        int n = 0;
        for (Map.Entry<LocalDate, int[]> e : test.entrySet()) {
            LocalDate d = e.getKey();
            if (!calendar.isBusinessDay(d)) {
                continue;
            }
            double actual = total(e.getValue());
            BusinessCalendar.DayFeatures f = calendar.features(d);
            double[] wm = weekdayMean.get(d.getDayOfWeek());
            double sameWeekday = wm == null ? 0 : wm[0] / wm[1];
            pairs.get(Method.MODEL).add(new double[] {model.expected(f), actual});
            pairs.get(Method.SAME_WEEKDAY_AVERAGE).add(new double[] {sameWeekday, actual});
            pairs.get(Method.LAST_YEAR_SAME_DAY).add(new double[] {lastYear(train, calendar, d, sameWeekday), actual});
            double[] h = model.expectedHours(f);
            for (int i = 0; i < h.length; i++) {
                hourlyError += Math.abs(h[i] - e.getValue()[i]);
                hours++;
            }
            sum += actual;
            n++;
        }
        Map<Method, Score> scores = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            scores.put(m, score(pairs.get(m), model));
        }
        return new Result(departmentId, n, n == 0 ? 0 : sum / n, scores, hours == 0 ? 0 : hourlyError / hours);
    }

    /** The same weekday 52 weeks earlier; if that was closed, a week either side; else the weekday average. */
    private static double lastYear(SortedMap<LocalDate, int[]> train, BusinessCalendar calendar, LocalDate d,
                                   double fallback) {
        for (int weeks : new int[] {52, 51, 53}) {
            LocalDate then = d.minusWeeks(weeks);
            if (calendar.isBusinessDay(then) && train.containsKey(then)) {
                return total(train.get(then));
            }
        }
        return fallback;
    }

    private static Score score(List<double[]> pairs, DepartmentModel model) {
        double ape = 0;
        double ae = 0;
        int apeN = 0;
        int exact = 0;
        int near = 0;
        for (double[] p : pairs) {
            double error = Math.abs(p[0] - p[1]);
            ae += error;
            if (p[1] > 0) {
                ape += error / p[1];
                apeN++;
            }
            int predicted = model.dayLevel(p[0]).ordinal();
            int real = model.dayLevel(p[1]).ordinal();
            exact += predicted == real ? 1 : 0;
            near += Math.abs(predicted - real) <= 1 ? 1 : 0;
        }
        int n = Math.max(1, pairs.size());
        return new Score(apeN == 0 ? 0 : ape / apeN, ae / n, (double) exact / n, (double) near / n);
    }

    private static double total(int[] hours) {
        return Arrays.stream(hours).sum();
    }

    /** The results as a Markdown table, the form docs/forecast.md quotes. */
    public static String table(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| department | days | mean/day | MAPE model | MAPE weekday avg | MAPE last year | MAE model | "
                + "MAE weekday avg | MAE last year | level exact model | level exact weekday avg | "
                + "level exact last year | level ±1 model | hourly MAE model |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Score m = r.of(Method.MODEL);
            Score w = r.of(Method.SAME_WEEKDAY_AVERAGE);
            Score y = r.of(Method.LAST_YEAR_SAME_DAY);
            b.append(String.format(Locale.ROOT,
                    "| %s | %d | %.1f | %.1f %% | %.1f %% | %.1f %% | %.1f | %.1f | %.1f | %.0f %% | %.0f %% | %.0f %% | %.0f %% | %.2f |%n",
                    r.departmentId(), r.days(), r.meanDaily(), 100 * m.mape(), 100 * w.mape(), 100 * y.mape(),
                    m.mae(), w.mae(), y.mae(), 100 * m.levelAccuracy(), 100 * w.levelAccuracy(),
                    100 * y.levelAccuracy(), 100 * m.levelWithinOne(), r.hourlyMae()));
        }
        return b.toString();
    }
}

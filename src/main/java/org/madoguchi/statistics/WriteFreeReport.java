package org.madoguchi.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.navigator.NavigatorUsage;
import org.madoguchi.preentry.PreentryUsage;
import org.madoguchi.reception.IssueHistory;
import org.springframework.stereotype.Service;

/**
 * How much the write-free counter (書かない窓口) is used, month by month: the navigator's and pre-entry's own
 * counts beside the tickets issued, so the share of visits that arrived with a plan is measured rather than
 * guessed (the audit found 0.05–0.39 % and could not tell whether its publicity worked). Counts only.
 */
@Service
class WriteFreeReport {

    /** One month; {@code share} is the percentage of tickets issued from a navigator or pre-entry code. */
    record Month(YearMonth month, String label, long tickets, long naviStarted, long naviCompleted, long naviScanned,
                 long preStarted, long preCompleted, long preScanned, long prePrinted, Double share) {
    }

    /** One navigator flow over the whole period. */
    record Flow(String id, String title, long started, long completed, long scanned, Double completionRate) {
    }

    record Report(FiscalYear fy, List<Month> months, Month total, List<Flow> flows) {
    }

    private final NavigatorUsage navigator;
    private final PreentryUsage preentry;
    private final IssueHistory issues;

    WriteFreeReport(NavigatorUsage navigator, PreentryUsage preentry, IssueHistory issues) {
        this.navigator = navigator;
        this.preentry = preentry;
        this.issues = issues;
    }

    Report fiscalYear(String officeId, FiscalYear fy, LocalDate today) {
        LocalDate from = fy.firstDay();
        LocalDate to = fy.lastDay().isAfter(today) ? today : fy.lastDay();
        Map<YearMonth, long[]> byMonth = new LinkedHashMap<>();
        for (YearMonth m = YearMonth.from(fy.firstDay()); !m.isAfter(YearMonth.from(fy.lastDay())); m = m.plusMonths(1)) {
            byMonth.put(m, new long[8]);
        }
        Map<String, long[]> byFlow = new LinkedHashMap<>();
        navigator.flowTitlesJa().keySet().forEach(id -> byFlow.put(id, new long[3]));
        if (!to.isBefore(from)) {
            for (IssueHistory.DailyTickets d : issues.ticketsPerDay(officeId, from, to)) {
                byMonth.get(YearMonth.from(d.serviceDate()))[0] += d.tickets();
            }
            for (NavigatorUsage.DailyCount c : navigator.daily(from, to)) {
                long[] m = byMonth.get(YearMonth.from(c.day()));
                m[1] += c.started();
                m[2] += c.completed();
                m[3] += c.scanned();
                long[] f = byFlow.computeIfAbsent(c.flowId(), id -> new long[3]);
                f[0] += c.started();
                f[1] += c.completed();
                f[2] += c.scanned();
            }
            for (PreentryUsage.Day d : preentry.daily(from, to)) {
                long[] m = byMonth.get(YearMonth.from(d.date()));
                m[4] += d.started();
                m[5] += d.completed();
                m[6] += d.scanned();
                m[7] += d.printed();
            }
        }
        List<Month> months = new ArrayList<>();
        long[] sum = new long[8];
        byMonth.forEach((month, v) -> {
            months.add(month(month, FiscalYear.monthLabel(month), v));
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        });
        Map<String, String> titles = navigator.flowTitlesJa();
        List<Flow> flows = new ArrayList<>();
        byFlow.forEach((id, v) -> flows.add(new Flow(id, titles.getOrDefault(id, id), v[0], v[1], v[2],
                v[0] == 0 ? null : round1(100.0 * v[1] / v[0]))));
        return new Report(fy, months, month(null, "合計", sum), flows);
    }

    private static Month month(YearMonth month, String label, long[] v) {
        // Scans are counted where they happen (kiosk, first counter, pre-entry at the counter) and a refused scan
        // counts too, so this share is an upper bound of the tickets actually issued from a code.
        Double share = v[0] == 0 ? null : round1(100.0 * (v[3] + v[6]) / v[0]);
        return new Month(month, label, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], share);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

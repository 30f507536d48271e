package org.madoguchi.statistics.history;

/**
 * A generated visit as one line of PostgreSQL's COPY text format (tab-separated, {@code \N} for null).
 * Formatted by hand: millions of timestamps through java.time formatters would dominate the run time.
 */
final class HistoryRows {

    private HistoryRows() {
    }

    static void append(StringBuilder out, HistoryGenerator.Visit v) {
        String date = v.date.toString();
        out.append("generated\t");
        out.append(date).append(':').append(v.firstDepartment).append(':').append(v.number).append(':').append(v.seq)
                .append('\t');
        out.append(HistoryModel.OFFICE).append('\t').append(v.department).append('\t').append(v.counter).append('\t');
        out.append(date).append('\t').append(v.number).append('\t').append(v.seq).append('\t');
        time(out, date, v.issued).append('\t');
        time(out, date, v.arrived).append('\t');
        if (v.called()) {
            time(out, date, v.calledAt());
        } else {
            out.append("\\N");
        }
        out.append('\t');
        if (v.outcome == HistoryGenerator.Outcome.COMPLETED) {
            time(out, date, v.completedAt());
        } else {
            out.append("\\N");
        }
        out.append('\t');
        time(out, date, v.endedAt()).append('\t');
        boolean absent = v.outcome == HistoryGenerator.Outcome.DROPPED;
        out.append(absent ? '1' : '0').append('\t').append(absent ? 't' : 'f').append('\t')
                .append(v.outcome.name()).append('\n');
    }

    /** "2023-04-03 09:12:33+09"; the generated days never run past midnight. */
    private static StringBuilder time(StringBuilder out, String date, int seconds) {
        int s = Math.min(seconds, 24 * 3600 - 1);
        out.append(date).append(' ');
        two(out, s / 3600).append(':');
        two(out, s / 60 % 60).append(':');
        return two(out, s % 60).append("+09");
    }

    private static StringBuilder two(StringBuilder out, int n) {
        return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}

package org.madoguchi.statistics.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.madoguchi.statistics.FiscalYear;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Writes generated history into {@code statistics.visit_fact} with PostgreSQL COPY. Each fiscal year is one
 * transaction that first deletes that year's earlier generated rows (of the chosen departments) and then copies
 * the new ones, so an interrupted run leaves whole years and running it again simply replaces them. Rows from
 * the live system and from imports are never touched.
 */
@Service
public class HistoryLoader {

    private static final Logger log = LoggerFactory.getLogger(HistoryLoader.class);
    private static final int FLUSH_BYTES = 1 << 20;
    private static final String COPY = """
            COPY statistics.visit_fact (source, source_id, office_id, department_id, counter_id, service_date,
                ticket_number, seq, issued_at, arrived_at, first_called_at, completed_at, ended_at, recall_count,
                ever_absent, outcome) FROM STDIN""";

    public record YearSummary(FiscalYear year, int tickets, int handOvers, int rows, long millis) {
    }

    private final DataSource dataSource;

    HistoryLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Generates and stores the fiscal years {@code first}..{@code last} for the departments (all six when empty). */
    public List<YearSummary> load(FiscalYear first, FiscalYear last, Set<String> departments, long seed) {
        if (first.year() < HistoryModel.FIRST_YEAR || last.year() > HistoryModel.LAST_YEAR || last.compareTo(first) < 0) {
            throw new IllegalArgumentException("The audit's figures cover fiscal " + HistoryModel.FIRST_YEAR + "–"
                    + HistoryModel.LAST_YEAR + " only");
        }
        Set<String> chosen = departments == null || departments.isEmpty() ? Set.copyOf(HistoryModel.DEPARTMENTS) : departments;
        for (String d : chosen) {
            if (!HistoryModel.DEPARTMENTS.contains(d)) {
                throw new IllegalArgumentException("Not a department of the audit: " + d);
            }
        }
        HistoryGenerator generator = new HistoryGenerator(seed);
        List<YearSummary> summaries = new ArrayList<>();
        for (int y = first.year(); y <= last.year(); y++) {
            long started = System.nanoTime();
            HistoryGenerator.Year year = generator.year(new FiscalYear(y), chosen);
            store(year, chosen);
            int tickets = year.firstSteps().values().stream().mapToInt(Integer::intValue).sum();
            YearSummary summary = new YearSummary(year.year(), tickets, year.handOvers(), year.visits().size(),
                    (System.nanoTime() - started) / 1_000_000);
            log.info("Generated history {}: {} tickets, {} hand-over steps, {} rows in {} ms", year.year().shortLabel(),
                    summary.tickets(), summary.handOvers(), summary.rows(), summary.millis());
            summaries.add(summary);
        }
        vacuumAndAnalyze();
        return summaries;
    }

    /**
     * Millions of fresh rows leave the planner guessing until autovacuum gets round to them; without statistics
     * it chose on-disk sorts for exports of whole years. VACUUM as well: it marks the new pages all-visible once,
     * instead of the first export, import or dashboard query after the load setting hint bits on (and writing back)
     * every page it reads. Seconds for the whole history.
     */
    private void vacuumAndAnalyze() {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) statistics.visit_fact");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("VACUUM after generating history failed", e);
        }
    }

    private void store(HistoryGenerator.Year year, Set<String> departments) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete = connection.prepareStatement("""
                        DELETE FROM statistics.visit_fact
                        WHERE source = 'generated' AND service_date BETWEEN ? AND ? AND department_id = ANY (?)""")) {
                    delete.setObject(1, year.year().firstDay());
                    delete.setObject(2, year.year().lastDay());
                    delete.setArray(3, connection.createArrayOf("text", departments.toArray()));
                    delete.executeUpdate();
                }
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
                try {
                    StringBuilder text = new StringBuilder(FLUSH_BYTES + 4096);
                    for (HistoryGenerator.Visit v : year.visits()) {
                        HistoryRows.append(text, v);
                        if (text.length() >= FLUSH_BYTES) {
                            flush(copy, text);
                        }
                    }
                    flush(copy, text);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the generated history of " + year.year(), e);
        }
    }

    private static void flush(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }
}

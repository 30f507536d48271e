package org.madoguchi.statistics.history;

import java.util.List;
import java.util.Set;
import org.madoguchi.statistics.AuditTables;
import org.madoguchi.statistics.FiscalYear;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code --madoguchi.statistics.generate-history=true}: replaces the generated history of fiscal H27–R5 at
 * startup, logs a line per year and the resulting 図表3 / 図表4-1 check, then lets the application run on
 * (or exits with {@code --madoguchi.statistics.generate-history.exit=true}). Optional:
 * {@code …generate-history.seed}, {@code …generate-history.from} and {@code …to} (fiscal years, e.g. 2023).
 */
@Component
@ConditionalOnProperty(name = "madoguchi.statistics.generate-history", havingValue = "true")
class HistoryCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HistoryCommand.class);
    private static final String PREFIX = "madoguchi.statistics.generate-history.";

    private final HistoryLoader loader;
    private final AuditTables tables;
    private final Environment environment;
    private final ConfigurableApplicationContext context;

    HistoryCommand(HistoryLoader loader, AuditTables tables, Environment environment,
                   ConfigurableApplicationContext context) {
        this.loader = loader;
        this.tables = tables;
        this.environment = environment;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        long seed = environment.getProperty(PREFIX + "seed", Long.class, 20231L);
        FiscalYear from = new FiscalYear(environment.getProperty(PREFIX + "from", Integer.class, HistoryModel.FIRST_YEAR));
        FiscalYear to = new FiscalYear(environment.getProperty(PREFIX + "to", Integer.class, HistoryModel.LAST_YEAR));
        log.info("Generating statistics history {}–{} (seed {})", from.shortLabel(), to.shortLabel(), seed);
        long started = System.nanoTime();
        List<HistoryLoader.YearSummary> years = loader.load(from, to, Set.of(), seed);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long tickets = years.stream().mapToLong(HistoryLoader.YearSummary::tickets).sum();
        long rows = years.stream().mapToLong(HistoryLoader.YearSummary::rows).sum();
        log.info("Generated history: {} tickets, {} rows in {} s", tickets, rows, String.format("%.1f", millis / 1000.0));

        AuditTables.Table3 t3 = tables.table3(HistoryModel.OFFICE, from, to);
        for (int i = 0; i < t3.departments().size(); i++) {
            log.info("図表3 {}: {} (計 {})", t3.departments().get(i).name(), t3.counts().get(i), t3.rowTotals().get(i));
        }
        log.info("図表3 合計: {} (計 {})", t3.columnTotals(), t3.total());
        FiscalYear r5 = new FiscalYear(HistoryModel.LAST_YEAR);
        if (from.compareTo(r5) <= 0 && to.compareTo(r5) >= 0) {
            for (AuditTables.Table41Row row : tables.table41(HistoryModel.OFFICE, r5).rows()) {
                if (row.averageSeconds() != null) {
                    log.info("図表4-1 {}: 平均 {}, 最短 {} ({}), 最長 {} ({})", row.department().name(), row.average(),
                            row.shortest().formatted(), row.shortest().monthLabel(), row.longest().formatted(),
                            row.longest().monthLabel());
                }
            }
        }
        if (environment.getProperty(PREFIX + "exit", Boolean.class, false)) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}

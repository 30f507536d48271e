package org.madoguchi.reception.screens;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.madoguchi.reception.BusinessClock;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.ProcedureFrequencies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The order in which the kiosk offers a department's procedures: the most often chosen first, as the statistics of
 * the past year count them, so that a finger finds 転入届 at the top rather than among fourteen boxes. Procedures
 * with no count (a new floor, a fresh installation) follow in a fixed order of what a ward office usually sees most.
 */
@Component
class KioskProcedureOrder {

    private static final Logger log = LoggerFactory.getLogger(KioskProcedureOrder.class);

    /** The fallback: moves first (the one-stop counter's main business), then certificates, then the rarer events. */
    static final List<String> USUAL = List.of(
            "tennyu", "tenshutsu", "tenkyo", "juminhyo", "inkan-shomei", "koseki-shomei", "mynumber-kofu",
            "mynumber-jusho", "inkan-toroku", "shussei", "shibo", "okuyami", "konin", "rikon",
            "kokuho-kanyu", "kokuho-dattai", "nenkin", "kokuho-hokenryo", "kokuho-kyufu",
            "jido-teate", "kodomo-iryo", "jido-teate-shometsu", "kodomo-iryo-henko", "hitorioya-genkyo",
            "kaigo-shikaku", "kaigo-nintei", "kaigo-kyufu", "koki-shikaku", "koki-hokenryo",
            "keiro-nyuyoku", "senior-club", "kazei-shomei", "jumin-zei-shinkoku", "nozei-shomei", "nofu-sodan",
            "akatsuka-ido", "akatsuka-shomei");

    private final ObjectProvider<ProcedureFrequencies> frequencies;
    private final BusinessClock clock;

    KioskProcedureOrder(ObjectProvider<ProcedureFrequencies> frequencies, BusinessClock clock) {
        this.frequencies = frequencies;
        this.clock = clock;
    }

    /** The floor's procedures, most often chosen first (departments keep their own lists; order within each). */
    List<Floor.Procedure> order(Floor floor) {
        Map<String, Long> counts = counts(floor.office());
        Comparator<Floor.Procedure> byCount = Comparator.comparingLong(p -> -counts.getOrDefault(p.id(), 0L));
        return floor.procedures().stream()
                .sorted(byCount.thenComparingInt(KioskProcedureOrder::usualRank))
                .toList();
    }

    private static int usualRank(Floor.Procedure p) {
        int rank = USUAL.indexOf(p.id());
        return rank < 0 ? USUAL.size() : rank;
    }

    private Map<String, Long> counts(Floor.Office office) {
        ProcedureFrequencies source = frequencies.getIfAvailable();
        if (source == null) {
            return Map.of();
        }
        try {
            // One small query on the per-day rollups; the kiosk page loads once per ticket, so no cache is needed.
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(office.timeZone()));
            return source.lastYear(office.id(), today);
        } catch (RuntimeException e) {
            // The kiosk must issue tickets whatever the statistics do: the fixed order serves meanwhile.
            log.warn("Procedure counts unavailable for the kiosk, using the fixed order: {}", e.toString());
            return Map.of();
        }
    }
}

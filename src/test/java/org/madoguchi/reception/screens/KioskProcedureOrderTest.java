package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.ProcedureFrequencies;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The kiosk's procedure order: the statistics' counts first, the usual order for what they do not count. */
class KioskProcedureOrderTest {

    private static final Floor FLOOR = new Floor(
            new Floor.Office("honcho", "本庁舎", "Main", "Asia/Tokyo", LocalTime.of(8, 30), LocalTime.of(17, 0), true),
            List.of(), List.of(), List.of(),
            List.of(procedure("inkan-shomei"), procedure("juminhyo"), procedure("konin"), procedure("rikon"),
                    procedure("tenkyo"), procedure("tennyu"), procedure("tenshutsu"), procedure("zz-new")),
            List.of());

    private static Floor.Procedure procedure(String id) {
        return new Floor.Procedure(id, "koseki-jumin", null, id, id, 10);
    }

    private static List<String> order(ProcedureFrequencies frequencies) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (frequencies != null) {
            beans.addBean("frequencies", frequencies);
        }
        KioskProcedureOrder order = new KioskProcedureOrder(beans.getBeanProvider(ProcedureFrequencies.class),
                () -> Instant.parse("2026-03-02T01:00:00Z"));
        return order.order(FLOOR).stream().map(Floor.Procedure::id).toList();
    }

    @Test
    void countedProceduresComeFirstMostOftenChosenFirst() {
        assertThat(order((office, today) -> Map.of("rikon", 40L, "juminhyo", 900L, "zz-new", 41L)))
                .containsExactly("juminhyo", "zz-new", "rikon", "tennyu", "tenshutsu", "tenkyo", "inkan-shomei", "konin");
    }

    @Test
    void withoutCountsTheUsualOrderAndUnknownProceduresLast() {
        List<String> usual = List.of("tennyu", "tenshutsu", "tenkyo", "juminhyo", "inkan-shomei", "konin", "rikon", "zz-new");
        assertThat(order((office, today) -> Map.of())).containsExactlyElementsOf(usual);
        assertThat(order(null)).containsExactlyElementsOf(usual);
        assertThat(order((office, today) -> {
            throw new IllegalStateException("statistics away");
        })).containsExactlyElementsOf(usual);
    }

    @Test
    void theCountsAreAskedForTheOfficesOwnDay() {
        String[] asked = new String[2];
        order((office, today) -> {
            asked[0] = office;
            asked[1] = today.toString();
            return Map.of();
        });
        assertThat(asked).containsExactly("honcho", "2026-03-02");
    }
}

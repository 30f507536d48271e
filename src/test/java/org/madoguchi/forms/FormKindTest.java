package org.madoguchi.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormKindTest {

    @Test
    void aVisitPlanNeedsEachFormOnce() {
        assertThat(FormKind.forProcedures(List.of("nozei-shomei", "tennyu", "kokuho-kanyu", "juminhyo", "kazei-shomei")))
                .containsExactly(FormKind.RESIDENT_MOVE, FormKind.RESIDENCE_CERTIFICATE, FormKind.TAX_CERTIFICATE);
        assertThat(FormKind.forProcedures(List.of("kokuho-kanyu"))).isEmpty();
    }

    @Test
    void everyFormHasBothTitles() {
        for (FormKind kind : FormKind.values()) {
            assertThat(kind.titleJa()).isNotBlank();
            assertThat(kind.titleEn()).isNotBlank();
        }
    }
}

package org.madoguchi.forms;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The forms madoguchi prints pre-filled. Each names the reception procedures it serves, so pre-entry and the
 * navigator can tell from a visit plan which forms a resident will need.
 */
public enum FormKind {
    /** 住民異動届 (転入・転出・転居), with the household members who move together. */
    RESIDENT_MOVE("住民異動届", "Resident move notification", List.of("tennyu", "tenshutsu", "tenkyo")),
    /** 住民票の写し等交付申請書. */
    RESIDENCE_CERTIFICATE("住民票の写し等交付申請書", "Application for a copy of the residence record", List.of("juminhyo")),
    /** 印鑑登録申請書. */
    SEAL_REGISTRATION("印鑑登録申請書", "Seal registration application", List.of("inkan-toroku")),
    /** 戸籍証明書等交付申請書. */
    FAMILY_REGISTER_CERTIFICATE("戸籍証明書等交付申請書", "Application for family register certificates", List.of("koseki-shomei")),
    /** 課税・非課税・納税証明書交付申請書. */
    TAX_CERTIFICATE("課税・非課税・納税証明書交付申請書", "Application for tax certificates", List.of("kazei-shomei", "nozei-shomei"));

    private final String titleJa;
    private final String titleEn;
    private final List<String> procedureIds;

    FormKind(String titleJa, String titleEn, List<String> procedureIds) {
        this.titleJa = titleJa;
        this.titleEn = titleEn;
        this.procedureIds = procedureIds;
    }

    public String titleJa() {
        return titleJa;
    }

    /** The English name, for screens in English (the printed form is always Japanese). */
    public String titleEn() {
        return titleEn;
    }

    /** Reception procedure ids (see the V3 migration) this form is filled for. */
    public List<String> procedureIds() {
        return procedureIds;
    }

    /** The forms a visit for these procedures needs, each once, in the order of this enum. */
    public static List<FormKind> forProcedures(Collection<String> procedureIds) {
        EnumSet<FormKind> kinds = EnumSet.noneOf(FormKind.class);
        for (String id : procedureIds) {
            forProcedure(id).ifPresent(kinds::add);
        }
        return List.copyOf(kinds);
    }

    public static Optional<FormKind> forProcedure(String procedureId) {
        for (FormKind kind : values()) {
            if (kind.procedureIds.contains(procedureId)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

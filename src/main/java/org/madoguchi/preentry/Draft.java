package org.madoguchi.preentry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.forms.FormKind;

/**
 * What a resident typed, as it is sealed into one row: the chosen plan or procedures, the values by field key
 * (applicant fields use the keys of {@code FormFields}; certificate fields are {@code <FormKind>.<key>}),
 * the household members moving together, and, once finished, the QR token and the short code (kept here,
 * sealed, so the QR page can be shown again; the row itself holds only their hashes).
 */
record Draft(String plan, List<String> procedures, Map<String, String> values, List<Map<String, String>> members,
             String qrToken, String shortCode) {

    Draft {
        procedures = procedures == null ? List.of() : List.copyOf(procedures);
        values = values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
        members = members == null ? new ArrayList<>() : new ArrayList<>(members.stream()
                .<Map<String, String>>map(LinkedHashMap::new).toList());
    }

    static Draft start(String plan, List<String> procedures) {
        return new Draft(plan, procedures, null, null, null, null);
    }

    /** The forms the chosen procedures need, in the order of {@link FormKind}. */
    public List<FormKind> forms() {
        return java.util.Arrays.stream(FormKind.values())
                .filter(kind -> procedures.stream().anyMatch(kind.procedureIds()::contains)).toList();
    }

    /** 転入, 転出 or 転居 when the plan has one (the first, if several were chosen). */
    public String moveType() {
        return procedures.stream().filter(FormKind.RESIDENT_MOVE.procedureIds()::contains).findFirst().orElse("");
    }

    public String value(String key) {
        return values.getOrDefault(key, "");
    }

    Draft withTokens(String qr, String shortCode) {
        return new Draft(plan, procedures, values, members, qr, shortCode);
    }
}

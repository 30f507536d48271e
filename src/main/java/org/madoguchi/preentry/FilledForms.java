package org.madoguchi.preentry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.forms.FilledForm;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.FormKind;

/** A draft as the forms module wants it: one {@link FilledForm} per form the chosen procedures need. */
final class FilledForms {

    private static final List<String> COMMON = List.of(FormFields.NAME, FormFields.KANA, FormFields.BIRTH_DATE,
            FormFields.SEX, FormFields.POSTAL_CODE, FormFields.ADDRESS, FormFields.PHONE, FormFields.HOUSEHOLDER,
            FormFields.RELATIONSHIP);
    private static final List<String> MOVE = List.of(FormFields.MOVE_DATE, FormFields.PREVIOUS_POSTAL_CODE,
            FormFields.PREVIOUS_ADDRESS, FormFields.PREVIOUS_HOUSEHOLDER);

    private FilledForms() {
    }

    static List<FilledForm> of(Draft draft) {
        List<FilledForm> forms = new ArrayList<>();
        for (FormKind kind : draft.forms()) {
            Map<String, String> fields = new LinkedHashMap<>();
            COMMON.forEach(key -> fields.put(key, draft.value(key)));
            List<Map<String, String>> members = List.of();
            if (kind == FormKind.RESIDENT_MOVE) {
                fields.put(FormFields.MOVE_TYPE, draft.moveType());
                MOVE.forEach(key -> fields.put(key, draft.value(key)));
                members = draft.members();
            }
            String prefix = kind.name() + ".";
            draft.values().forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    fields.put(key.substring(prefix.length()), value);
                }
            });
            forms.add(new FilledForm(kind, fields, members));
        }
        return forms;
    }
}

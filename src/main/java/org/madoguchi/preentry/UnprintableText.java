package org.madoguchi.preentry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.forms.FilledForm;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.FormKind;
import org.madoguchi.forms.FormPrintException;
import org.madoguchi.forms.FormPrinter;
import org.madoguchi.forms.UnprintableCharacter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which characters a resident typed that the printed forms will show as 〓 (the configured form font has no glyph,
 * e.g. 𠮷 in BIZ UD Mincho), so the pages can say so before the visit instead of the counter finding out.
 * Asks the printer itself, so the answer follows whatever font {@code madoguchi.forms.font} names.
 */
@Component
class UnprintableText {

    private final ObjectProvider<FormPrinter> printer;

    UnprintableText(ObjectProvider<FormPrinter> printer) {
        this.printer = printer;
    }

    /**
     * The characters of each value the font cannot draw, joined with 「、」, by the same keys; values that print
     * fully are left out. Nothing when printing is not set up at all: the counter is told that when it prints.
     */
    Map<String, String> of(Map<String, String> values) {
        Map<String, String> found = new LinkedHashMap<>();
        FormPrinter formPrinter = printer.getIfAvailable();
        if (formPrinter == null) {
            return found;
        }
        values.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            // The font decides, not the form: any form with the text in one field answers for every form.
            FilledForm probe = new FilledForm(FormKind.SEAL_REGISTRATION, Map.of(FormFields.NAME, value), List.of());
            try {
                List<String> characters = formPrinter.unprintableCharacters(List.of(probe)).stream()
                        .map(UnprintableCharacter::character).distinct().toList();
                if (!characters.isEmpty()) {
                    found.put(key, String.join("、", characters));
                }
            } catch (FormPrintException noFont) {
                // Printing itself is unavailable; the counter sees that message, residents need not.
            }
        });
        return found;
    }
}

package org.madoguchi.forms.pdf;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code certificateType} and {@code copies} into the rows of a form's certificate table: each known
 * kind ticks its row with its number of copies; anything else goes to その他 as typed, so nothing is lost.
 */
final class CertificateChoices {

    /** A row of the printed table. */
    record Row(String label, boolean ticked, String copies, String detail) {
    }

    /** A known certificate kind: the printed label and how typed text is recognised. */
    record Kind(String label, Predicate<String> matches) {

        static Kind of(String label, String... words) {
            return new Kind(label, text -> {
                for (String word : words) {
                    if (text.contains(word)) {
                        return true;
                    }
                }
                return false;
            });
        }

        Kind unless(String... words) {
            Predicate<String> base = matches;
            return new Kind(label, text -> {
                for (String word : words) {
                    if (text.contains(word)) {
                        return false;
                    }
                }
                return base.test(text);
            });
        }
    }

    private static final Pattern COPIES = Pattern.compile("^(.*?)\\s*(?:[×xX*:]\\s*(\\d{1,3})\\s*(?:通)?|(\\d{1,3})\\s*通)$");

    private CertificateChoices() {
    }

    /** @param kinds in the order they are tested: the more specific first where words overlap */
    static List<Row> rows(List<Kind> kinds, String types, String copies) {
        String[] ticked = new String[kinds.size()];
        List<String> others = new ArrayList<>();
        String otherCopies = "";
        String defaultCopies = copies == null ? "" : Normalizer.normalize(copies.strip(), Normalizer.Form.NFKC);
        String normalised = types == null ? "" : Normalizer.normalize(types.strip(), Normalizer.Form.NFKC);
        for (String item : normalised.split("[、,，/／・;；\\n]+")) {
            String text = item.strip();
            if (text.isEmpty()) {
                continue;
            }
            String count = defaultCopies;
            Matcher m = COPIES.matcher(text);
            if (m.matches() && !m.group(1).isBlank()) {
                text = m.group(1).strip();
                count = m.group(2) != null ? m.group(2) : m.group(3);
            }
            boolean known = false;
            for (int i = 0; i < kinds.size(); i++) {
                if (ticked[i] == null && kinds.get(i).matches().test(text)) {
                    ticked[i] = count;
                    known = true;
                    break;
                }
            }
            if (!known) {
                others.add(text);
                otherCopies = count;
            }
        }
        if (normalised.isBlank() && !defaultCopies.isBlank()) {
            // Copies without a kind: kept visible for staff rather than dropped.
            others.add("（種類は窓口でご確認ください）");
            otherCopies = defaultCopies;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            rows.add(new Row(kinds.get(i).label(), ticked[i] != null, ticked[i] == null ? "" : ticked[i], ""));
        }
        rows.add(new Row("その他", !others.isEmpty(), others.isEmpty() ? "" : otherCopies, String.join("、", others)));
        return rows;
    }
}

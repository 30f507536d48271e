package org.madoguchi.forms.pdf;

import java.util.function.Consumer;

/**
 * Turns typed text into text the font can draw: characters without a glyph become 〓 (and are reported),
 * control characters become spaces. Nothing is dropped without a trace.
 */
final class Glyphs {

    static final String PLACEHOLDER = "〓";

    private Glyphs() {
    }

    /** @param missing told each character (or base + variation selector) the font cannot draw */
    static String printable(String text, FontFace face, Consumer<String> missing) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            int selector = next < text.length() ? text.codePointAt(next) : -1;
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.LINE_SEPARATOR
                    || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                out.append(' ');
            } else if (isVariationSelector(cp)) {
                // Selectors after a character are handled with it; a stray one draws nothing but is reported.
                missing.accept(new String(Character.toChars(cp)));
            } else if (!face.canDraw(cp)) {
                out.append(PLACEHOLDER);
                missing.accept(isVariationSelector(selector)
                        ? new String(Character.toChars(cp)) + new String(Character.toChars(selector))
                        : new String(Character.toChars(cp)));
                if (isVariationSelector(selector)) {
                    next += Character.charCount(selector);
                }
            } else {
                out.appendCodePoint(cp);
                if (isVariationSelector(selector)) {
                    // PDFBox encodes through the plain Unicode cmap, so the variant form (異体字) cannot be
                    // chosen: the base character is printed and staff are told which variant was typed.
                    missing.accept(new String(Character.toChars(cp)) + new String(Character.toChars(selector)));
                    next += Character.charCount(selector);
                }
            }
            i = next;
        }
        return out.toString();
    }

    static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x180B && cp <= 0x180D);
    }
}

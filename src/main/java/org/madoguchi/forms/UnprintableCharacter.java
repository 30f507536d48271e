package org.madoguchi.forms;

/**
 * A character the form font has no glyph for (e.g. some 外字 such as 𠮷), printed as 〓.
 *
 * @param form      the form it appears on
 * @param place     where on the form, in Japanese for staff (e.g. "異動する人 2 氏名")
 * @param character the character as typed; one code point, or a base character with its variation selector
 *                  when only the variant form is missing (then the base character is printed)
 */
public record UnprintableCharacter(FormKind form, String place, String character) {

    /** Code points as {@code U+20BB7}, for staff who look the character up. */
    public String codePoints() {
        StringBuilder out = new StringBuilder();
        character.codePoints().forEach(cp -> {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(String.format("U+%04X", cp));
        });
        return out.toString();
    }
}

package org.madoguchi.statistics;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.madoguchi.platform.ProblemException;

/**
 * The encodings a CSV export can be written in. UTF-8 (with BOM, so that Excel does not read it as Shift_JIS) is
 * the default; windows-31j is for older tools that only read Shift_JIS. Before encoding to windows-31j, characters
 * that Unicode-to-JIS converters disagree on are mapped to the code point windows-31j uses for the same glyph
 * (the JIS "wave dash problem"); whatever still cannot be encoded is refused by the export, never replaced by '?'.
 */
enum ExportEncoding {

    UTF_8("utf-8", StandardCharsets.UTF_8),
    WINDOWS_31J("windows-31j", Charset.forName("windows-31j"));

    private final String label;
    private final Charset charset;

    ExportEncoding(String label, Charset charset) {
        this.label = label;
        this.charset = charset;
    }

    String label() {
        return label;
    }

    Charset charset() {
        return charset;
    }

    /** Without a value: UTF-8. Common names of Shift_JIS as Windows uses it are accepted for windows-31j. */
    static ExportEncoding parse(String value) {
        if (value == null || value.isBlank()) {
            return UTF_8;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "utf-8", "utf8" -> UTF_8;
            case "windows-31j", "ms932", "cp932", "shift_jis", "sjis", "shift-jis" -> WINDOWS_31J;
            default -> throw ProblemException.invalid("unknown-encoding",
                    "文字コードは utf-8 または windows-31j のどちらかを指定してください。");
        };
    }

    /** A strict encoder: an unmappable character is an error, not a '?'. */
    CharsetEncoder strictEncoder() {
        return charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The text as it will be encoded: unchanged for UTF-8, JIS traps mapped for windows-31j. */
    String prepare(String text) {
        if (this == UTF_8 || text == null) {
            return text;
        }
        return toWindows31j(text);
    }

    static String toWindows31j(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char mapped = switch (c) {
                case '\u301C' -> '\uFF5E'; // 〜 WAVE DASH → ～ FULLWIDTH TILDE
                case '\u2212' -> '\uFF0D'; // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
                case '\u2016' -> '\u2225'; // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
                case '\u2014' -> '\u2015'; // — EM DASH → ― HORIZONTAL BAR
                case '\u00A2' -> '\uFFE0'; // ¢ → ￠
                case '\u00A3' -> '\uFFE1'; // £ → ￡
                case '\u00AC' -> '\uFFE2'; // ¬ → ￢
                case '\u00A6' -> '\uFFE4'; // ¦ → ￤
                case '\u2011' -> '\u2010'; // non-breaking hyphen → hyphen
                case '\u00A0' -> ' ';      // no-break space → space
                default -> c;
            };
            if (mapped != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(mapped);
            }
        }
        return out == null ? text : out.toString();
    }
}

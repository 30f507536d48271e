package org.madoguchi.forms.pdf;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Fonts of the printed forms. Both must be TrueType (.ttf) files: PDFBox cannot embed from .ttc collections
 * such as Noto CJK.
 *
 * @param font      entries (what the resident typed); BIZ UD Mincho by default (fonts-morisawa-bizud-mincho)
 * @param labelFont printed labels and titles; BIZ UD Gothic by default (fonts-morisawa-bizud-gothic). When it
 *                  is missing the labels use {@code font}.
 */
@ConfigurationProperties("madoguchi.forms")
public record FormFontProperties(Path font, Path labelFont) {

    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf");
    public static final Path DEFAULT_LABEL_FONT = Path.of("/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf");

    public FormFontProperties {
        font = font == null || font.toString().isBlank() ? DEFAULT_FONT : font;
        labelFont = labelFont == null || labelFont.toString().isBlank() ? DEFAULT_LABEL_FONT : labelFont;
    }

    public static FormFontProperties defaults() {
        return new FormFontProperties(null, null);
    }
}

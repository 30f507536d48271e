package org.madoguchi.forms.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Drawing on one A4 page in millimetres from the top left, the way form layouts are measured. Labels use
 * the label font, entries the entry font; entries shrink (and if need be wrap) to stay inside their box.
 */
final class Canvas {

    static final float MM = 72f / 25.4f;
    static final float PAGE_WIDTH_MM = 210f;
    static final float PAGE_HEIGHT_MM = 297f;

    private static final float THIN = 0.5f;
    private static final float LEADING = 1.18f;
    /** Below this an entry is wrapped onto more lines before it is made any smaller. */
    private static final float MIN_SINGLE_LINE_PT = 9.5f;
    private static final float LABEL_SHADE = 0.93f;

    enum Align { LEFT, CENTER, RIGHT }

    private final PDPageContentStream out;
    private final Fonts fonts;
    private final Placement placement;

    /** What the page is for, so unprintable characters can be reported with their place. */
    interface Placement {
        void missing(String place, String character);
    }

    record Fonts(PDFont entry, FontFace entryFace, PDFont label, FontFace labelFace) {
    }

    Canvas(PDPageContentStream out, Fonts fonts, Placement placement) {
        this.out = out;
        this.fonts = fonts;
        this.placement = placement;
    }

    // ---- lines and boxes -------------------------------------------------------------------------------

    void box(float x, float y, float w, float h) {
        stroke(THIN, () -> out.addRect(px(x), py(y + h), w * MM, h * MM));
    }

    void frame(float x, float y, float w, float h) {
        stroke(1.2f, () -> out.addRect(px(x), py(y + h), w * MM, h * MM));
    }

    /** A grey label cell with its border, like the printed headings of official forms. */
    void labelCell(float x, float y, float w, float h, String text, float size) {
        shade(x, y, w, h);
        box(x, y, w, h);
        label(x, y, w, h, text, size, Align.CENTER);
    }

    void shade(float x, float y, float w, float h) {
        run(() -> {
            out.setNonStrokingColor(LABEL_SHADE);
            out.addRect(px(x), py(y + h), w * MM, h * MM);
            out.fill();
            out.setNonStrokingColor(0f);
        });
    }

    void line(float x1, float y1, float x2, float y2) {
        stroke(THIN, () -> {
            out.moveTo(px(x1), py(y1));
            out.lineTo(px(x2), py(y2));
        });
    }

    void dashed(float x1, float y1, float x2, float y2) {
        run(() -> out.setLineDashPattern(new float[] {1.5f, 1.5f}, 0));
        line(x1, y1, x2, y2);
        run(() -> out.setLineDashPattern(new float[] {}, 0));
    }

    void dashedBox(float x, float y, float w, float h) {
        run(() -> out.setLineDashPattern(new float[] {2f, 2f}, 0));
        box(x, y, w, h);
        run(() -> out.setLineDashPattern(new float[] {}, 0));
    }

    /** A tick box; ticked ones carry a drawn check mark, so they do not depend on the font. */
    void checkbox(float x, float y, float size, boolean checked) {
        box(x, y, size, size);
        if (checked) {
            stroke(1.1f, () -> {
                out.moveTo(px(x + size * 0.18f), py(y + size * 0.52f));
                out.lineTo(px(x + size * 0.42f), py(y + size * 0.8f));
                out.lineTo(px(x + size * 0.86f), py(y + size * 0.16f));
            });
        }
    }

    /** A ring around a printed choice (男・女, 転入・転出・転居), as staff mark choices on paper. */
    void ring(float cx, float cy, float rx, float ry) {
        float k = 0.5523f;
        float x = px(cx);
        float y = py(cy);
        float a = rx * MM;
        float b = ry * MM;
        stroke(0.9f, () -> {
            out.moveTo(x + a, y);
            out.curveTo(x + a, y + k * b, x + k * a, y + b, x, y + b);
            out.curveTo(x - k * a, y + b, x - a, y + k * b, x - a, y);
            out.curveTo(x - a, y - k * b, x - k * a, y - b, x, y - b);
            out.curveTo(x + k * a, y - b, x + a, y - k * b, x + a, y);
            out.closePath();
        });
    }

    // ---- text ------------------------------------------------------------------------------------------

    /** Fixed wording of the form, in the label font. */
    void label(float x, float y, float w, float h, String text, float size, Align align) {
        String printable = Glyphs.printable(text, fonts.labelFace(), c -> { });
        fit(fonts.label(), printable, x, y, w, h, size, align, 1f);
    }

    /** Fixed wording, one line at an exact place (baseline in mm). */
    void labelAt(float x, float baseline, String text, float size) {
        String printable = Glyphs.printable(text, fonts.labelFace(), c -> { });
        show(fonts.label(), printable, x, baseline, size);
    }

    /** Fixed wording in the entry font (the Mincho face of the body text), one line at an exact place. */
    void textAt(float x, float baseline, String text, float size) {
        String printable = Glyphs.printable(text, fonts.entryFace(), c -> { });
        show(fonts.entry(), printable, x, baseline, size);
    }

    /** Width in mm of fixed wording in the label font. */
    float labelWidth(String text, float size) {
        return width(fonts.label(), Glyphs.printable(text, fonts.labelFace(), c -> { })) * size / MM;
    }

    /** Title with its characters spaced apart, centred on the page. */
    void title(float baseline, String text, float size, float spacingMm) {
        String printable = Glyphs.printable(text, fonts.labelFace(), c -> { });
        int count = printable.codePointCount(0, printable.length());
        float textWidth = width(fonts.label(), printable) * size / MM + spacingMm * (count - 1);
        float x = (PAGE_WIDTH_MM - textWidth) / 2;
        run(() -> {
            out.beginText();
            out.setFont(fonts.label(), size);
            out.setCharacterSpacing(spacingMm * MM);
            out.newLineAtOffset(px(x), py(baseline));
            out.showText(printable);
            out.setCharacterSpacing(0);
            out.endText();
        });
    }

    /** Stacked characters for the narrow section labels down the left edge (縦書き). */
    void verticalLabel(float x, float y, float w, float h, String text, float size) {
        shade(x, y, w, h);
        box(x, y, w, h);
        String printable = Glyphs.printable(text, fonts.labelFace(), c -> { });
        int[] cps = printable.codePoints().toArray();
        float step = Math.min(size * LEADING / MM, (h - 2) / Math.max(1, cps.length));
        float s = Math.min(size, step * MM / LEADING);
        float top = y + (h - step * cps.length) / 2;
        for (int i = 0; i < cps.length; i++) {
            String ch = new String(Character.toChars(cps[i]));
            float cw = width(fonts.label(), ch) * s / MM;
            show(fonts.label(), ch, x + (w - cw) / 2, top + step * i + step * 0.5f + s * 0.35f / MM, s);
        }
    }

    /**
     * What the resident typed, fitted inside the box: largest size up to {@code size} on one line, or on
     * several lines when one line would be too small to read. Characters the font lacks become 〓 and are
     * reported with {@code place}.
     */
    void entry(float x, float y, float w, float h, String text, float size, Align align, String place) {
        if (text == null || text.isBlank()) {
            return;
        }
        String printable = Glyphs.printable(text.strip(), fonts.entryFace(), c -> placement.missing(place, c));
        fit(fonts.entry(), encodable(printable, place), x, y, w, h, size, align, 1.6f);
    }

    /**
     * A second guard behind the cmap check: should PDFBox still refuse a character, it becomes 〓 and is
     * reported instead of failing the whole print.
     */
    private String encodable(String text, String place) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                fonts.entry().encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append(Glyphs.PLACEHOLDER);
                placement.missing(place, ch);
            }
        });
        return out.toString();
    }

    private void fit(PDFont font, String text, float x, float y, float w, float h, float size, Align align,
                     float padMm) {
        if (text.isBlank()) {
            return;
        }
        float innerW = (w - 2 * padMm) * MM;
        float innerH = (h - 0.8f) * MM;
        float unit = width(font, text);
        float single = Math.min(size, Math.min(innerH / LEADING, innerW / unit));
        List<String> lines = List.of(text);
        float chosen = single;
        if (single < Math.min(size, MIN_SINGLE_LINE_PT)) {
            for (int n = 2; n <= 6; n++) {
                float s = Math.min(size, innerH / (n * LEADING));
                if (s <= single) {
                    break;
                }
                List<String> wrapped = wrap(font, text, innerW / s);
                if (wrapped.size() <= n) {
                    lines = wrapped;
                    chosen = s;
                    break;
                }
            }
        }
        float lineH = chosen * LEADING / MM;
        float top = y + (h - lineH * lines.size()) / 2;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            float lw = width(font, line) * chosen / MM;
            float lx = switch (align) {
                case LEFT -> x + padMm;
                case CENTER -> x + (w - lw) / 2;
                case RIGHT -> x + w - padMm - lw;
            };
            float baseline = top + lineH * i + (lineH - chosen / MM) / 2 + 0.86f * chosen / MM;
            show(font, line, lx, baseline, chosen);
        }
    }

    /** Greedy wrap by character (Japanese has no spaces to wait for); {@code maxUnits} at 1 pt. */
    private List<String> wrap(PDFont font, String text, float maxUnits) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int cp : text.codePoints().toArray()) {
            String ch = new String(Character.toChars(cp));
            if (!line.isEmpty() && width(font, line + ch) > maxUnits) {
                lines.add(line.toString().strip());
                line.setLength(0);
                if (ch.isBlank()) {
                    continue;
                }
            }
            line.append(ch);
        }
        if (!line.toString().isBlank()) {
            lines.add(line.toString().strip());
        }
        return lines;
    }

    private void show(PDFont font, String text, float x, float baseline, float size) {
        if (text.isEmpty()) {
            return;
        }
        run(() -> {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(px(x), py(baseline));
            out.showText(text);
            out.endText();
        });
    }

    /** Width at 1 pt. */
    private static float width(PDFont font, String text) {
        try {
            return font.getStringWidth(text) / 1000f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stroke(float width, Action path) {
        run(() -> {
            out.setLineWidth(width);
            path.run();
            out.stroke();
        });
    }

    private void run(Action action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float px(float xMm) {
        return xMm * MM;
    }

    private static float py(float yMm) {
        return (PAGE_HEIGHT_MM - yMm) * MM;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }
}

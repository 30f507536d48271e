package org.madoguchi.forms.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.madoguchi.forms.FormKind;
import org.madoguchi.forms.PrintedForms;
import org.madoguchi.forms.UnprintableCharacter;

/** One PDF being printed: its fonts, pages, and the characters printed as 〓. */
final class FormDocument implements AutoCloseable {

    static final String FOOTER = "madoguchi 事前入力により印字 — 内容を窓口でご確認ください";

    private final PDDocument document = new PDDocument();
    private final Canvas.Fonts fonts;
    private final Set<UnprintableCharacter> unprintable = new LinkedHashSet<>();

    FormDocument(FontFace entryFace, FontFace labelFace) {
        var entry = entryFace.load(document);
        var label = labelFace == entryFace ? entry : labelFace.load(document);
        this.fonts = new Canvas.Fonts(entry, entryFace, label, labelFace);
        PDDocumentInformation info = document.getDocumentInformation();
        // Metadata carries no personal data: only what kind of document this is.
        info.setTitle("届書・申請書（事前入力）");
        info.setCreator("madoguchi");
    }

    /** Adds an A4 page for {@code form} and draws it. */
    void page(FormKind form, Consumer<Canvas> draw) {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream out = new PDPageContentStream(document, page)) {
            draw.accept(new Canvas(out, fonts,
                    (place, character) -> unprintable.add(new UnprintableCharacter(form, place, character))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The footer and "page / pages" on every page, once all pages exist. */
    private void footers() throws IOException {
        int total = document.getNumberOfPages();
        int number = 0;
        for (PDPage page : document.getPages()) {
            number++;
            try (PDPageContentStream out = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                Canvas canvas = new Canvas(out, fonts, (place, character) -> { });
                canvas.line(15, 285, 195, 285);
                canvas.labelAt(15, 290, FOOTER, 7.5f);
                String pageLabel = number + " / " + total;
                canvas.labelAt(195 - canvas.labelWidth(pageLabel, 8), 290, pageLabel, 8);
            }
        }
    }

    PrintedForms finish() {
        try {
            footers();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
            document.save(bytes);
            return new PrintedForms(bytes.toByteArray(), document.getNumberOfPages(), List.copyOf(unprintable));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.madoguchi.forms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Prints filled forms as one A4 PDF with an embedded Japanese font, one form per page (or more when needed).
 * Characters the font cannot draw never stop a print: they are printed as 〓 and reported by
 * {@link #printWithReport(List)}, so staff can write them by hand.
 *
 * <p>{@link #print(List)} is the original contract; the other two methods have defaults so that simple
 * implementations (test doubles) keep compiling. The application's printer overrides all three.
 */
public interface FormPrinter {

    /**
     * @throws FormPrintException when the form font cannot be used (missing or unreadable file)
     */
    byte[] print(List<FilledForm> forms);

    /**
     * The PDF together with the characters that had to be printed as 〓.
     *
     * @throws FormPrintException when the form font cannot be used (missing or unreadable file)
     */
    default PrintedForms printWithReport(List<FilledForm> forms) {
        byte[] pdf = print(forms);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PrintedForms(pdf, document.getNumberOfPages(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Characters in these forms that the font cannot draw, without printing: lets the counter screen warn
     * before the print.
     *
     * @throws FormPrintException when the form font cannot be used
     */
    default List<UnprintableCharacter> unprintableCharacters(List<FilledForm> forms) {
        return List.of();
    }
}

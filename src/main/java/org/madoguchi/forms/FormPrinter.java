package org.madoguchi.forms;

import java.util.List;

/**
 * Prints filled forms as one A4 PDF with an embedded Japanese font, one form per page (or more when needed).
 * Characters the font cannot draw never stop a print: they are printed as 〓 and reported, so staff can
 * write them by hand.
 */
public interface FormPrinter {

    /** The PDF only; see {@link #printWithReport(List)} for the characters printed as 〓. */
    default byte[] print(List<FilledForm> forms) {
        return printWithReport(forms).pdf();
    }

    /**
     * The PDF together with the characters that had to be printed as 〓.
     *
     * @throws FormPrintException when the form font cannot be used (missing or unreadable file)
     */
    PrintedForms printWithReport(List<FilledForm> forms);

    /**
     * Characters in these forms that the font cannot draw, without printing: lets the counter screen warn
     * before the print.
     *
     * @throws FormPrintException when the form font cannot be used
     */
    List<UnprintableCharacter> unprintableCharacters(List<FilledForm> forms);
}

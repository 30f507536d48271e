package org.madoguchi.forms;

import java.util.List;

/**
 * A printed PDF.
 *
 * @param pdf         the document (A4 portrait)
 * @param pages       its number of pages
 * @param unprintable characters printed as 〓 (each once per form and place), for staff to write by hand
 */
public record PrintedForms(byte[] pdf, int pages, List<UnprintableCharacter> unprintable) {

    public PrintedForms {
        unprintable = List.copyOf(unprintable);
    }

    public boolean complete() {
        return unprintable.isEmpty();
    }
}

package org.madoguchi.forms;

import java.util.List;

/** Prints filled forms as one A4 PDF with an embedded Japanese font, one form per page (or more when needed). */
public interface FormPrinter {

    byte[] print(List<FilledForm> forms);
}

package org.madoguchi.forms;

import org.madoguchi.platform.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The forms cannot be printed at all (the font is missing or unreadable). The message is Japanese and names
 * the font file and the Debian package that provides it, so whoever reads it can fix the server.
 */
public class FormPrintException extends ProblemException {

    public FormPrintException(String detailJa) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "forms-font-unavailable", detailJa);
    }
}

package org.madoguchi.platform;

import org.springframework.http.HttpStatus;

/**
 * A refusal that the caller can act on. The API turns it into RFC 9457 problem+json whose
 * {@code detail} is the Japanese message shown to staff; {@code code} is stable for programs.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ProblemException(HttpStatus status, String code, String detailJa) {
        super(detailJa);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ProblemException notFound(String code, String detailJa) {
        return new ProblemException(HttpStatus.NOT_FOUND, code, detailJa);
    }

    public static ProblemException conflict(String code, String detailJa) {
        return new ProblemException(HttpStatus.CONFLICT, code, detailJa);
    }

    public static ProblemException invalid(String code, String detailJa) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, code, detailJa);
    }

    public static ProblemException forbidden(String code, String detailJa) {
        return new ProblemException(HttpStatus.FORBIDDEN, code, detailJa);
    }
}

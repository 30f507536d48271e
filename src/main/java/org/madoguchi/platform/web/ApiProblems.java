package org.madoguchi.platform.web;

import java.net.URI;
import java.util.stream.Collectors;
import org.madoguchi.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error is RFC 9457 problem+json with a Japanese {@code detail} that staff can read and a stable
 * {@code code} for programs. Unexpected failures say only that something went wrong: no stack traces,
 * no data.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    public static ProblemDetail problem(HttpStatusCode status, String code, String detailJa) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailJa);
        problem.setType(URI.create("https://madoguchi.org/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> onProblem(ProblemException e) {
        return respond(problem(e.status(), e.code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> onUnreadable(HttpMessageNotReadableException e) {
        if (causedByTooLarge(e)) {
            return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "リクエストの本文が大きすぎます。"));
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed-json",
                "リクエストの本文を読み取れません。JSON の形式と項目の型を確認してください。"));
    }

    private static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ClientAbortException")
                    || (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLargeException) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ProblemDetail> onTooLarge(RequestTooLargeException e) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "リクエストの本文が大きすぎます。"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> onInvalid(MethodArgumentNotValidException e) {
        String fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + "（" + f.getDefaultMessage() + "）")
                .collect(Collectors.joining("、"));
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-fields", "入力に誤りがあります: " + fields));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> onInvalidParameters(HandlerMethodValidationException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-parameters", "パラメーターに誤りがあります。"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> onMismatch(MethodArgumentTypeMismatchException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "パラメーター「" + e.getName() + "」の形式が正しくありません。"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> onMissingParameter(MissingServletRequestParameterException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "missing-parameter",
                "パラメーター「" + e.getParameterName() + "」が必要です。"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> onMissingHeader(MissingRequestHeaderException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "missing-header",
                "ヘッダー「" + e.getHeaderName() + "」が必要です。"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> onMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "application/json で送ってください。"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> onMethod(HttpRequestMethodNotSupportedException e) {
        return respond(problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "この URL では " + e.getMethod() + " は使えません。"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> onNoResource(NoResourceFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "指定された URL は存在しません。"));
    }

    /** A live-event client went away: nothing to answer and nothing worth an error in the log. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void onClientGone(AsyncRequestNotUsableException e) {
        log.debug("Client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
        if (clientGone(e)) {
            log.debug("Client disconnected: {}", e.getMessage());
            return null;
        }
        log.error("Unexpected error ({})", e.getClass().getName(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "システムで問題が発生しました。しばらくしてからもう一度お試しください。"));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

package org.madoguchi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.madoguchi.platform.ProblemException;
import org.slf4j.Logger;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error is RFC 9457 problem+json with a Japanese {@code detail} that staff can read and a stable
 * {@code code} for programs; on screens the same refusal is a page in Japanese. Unexpected failures say only
 * that something went wrong: no stack traces, no data.
 */
@ControllerAdvice
public class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    public static ProblemDetail problem(HttpStatusCode status, String code, String detailJa) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailJa);
        problem.setType(URI.create("https://madoguchi.org/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(ProblemException.class)
    ModelAndView onProblem(ProblemException e) {
        return respond(problem(e.status(), e.code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ModelAndView onUnreadable(HttpMessageNotReadableException e) {
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
    ModelAndView onTooLarge(RequestTooLargeException e) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "リクエストの本文が大きすぎます。"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ModelAndView onInvalid(MethodArgumentNotValidException e) {
        String fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + "（" + f.getDefaultMessage() + "）")
                .collect(Collectors.joining("、"));
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-fields", "入力に誤りがあります: " + fields));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ModelAndView onInvalidParameters(HandlerMethodValidationException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-parameters", "パラメーターに誤りがあります。"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView onMismatch(MethodArgumentTypeMismatchException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "パラメーター「" + e.getName() + "」の形式が正しくありません。"));
    }

    /** Tomcat could not decode a parameter (invalid UTF-8 such as %FF or an encoded lone surrogate). */
    @ExceptionHandler(InvalidParameterException.class)
    ModelAndView onUndecodableParameter(InvalidParameterException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-parameter-encoding",
                "パラメーターの文字を読み取れません（UTF-8 で送ってください）。"));
    }

    /** A multipart body without a boundary, or cut short: the client's fault. */
    @ExceptionHandler(MultipartException.class)
    ModelAndView onMultipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "リクエストの本文が大きすぎます。"));
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed-multipart",
                "multipart/form-data の本文を読み取れません。"));
    }

    /** The security firewall refused the URL (an encoded "..", ";", a control character), met again on /error. */
    @ExceptionHandler(RequestRejectedException.class)
    ModelAndView onRejected(RequestRejectedException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "bad-request",
                "リクエストの形式が正しくありません（URL やパラメーターの文字を確認してください）。"));
    }

    /** A path variable that converts to nothing (a UUID given as "%09"); one missing from the mapping is our bug. */
    @ExceptionHandler(MissingPathVariableException.class)
    ModelAndView onMissingPathVariable(MissingPathVariableException e) {
        if (!e.isMissingAfterConversion()) {
            return onUnexpected(e);
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "パラメーター「" + e.getVariableName() + "」の形式が正しくありません。"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView onMissingParameter(MissingServletRequestParameterException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "missing-parameter",
                "パラメーター「" + e.getParameterName() + "」が必要です。"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ModelAndView onMissingHeader(MissingRequestHeaderException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "missing-header",
                "ヘッダー「" + e.getHeaderName() + "」が必要です。"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ModelAndView onMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "application/json で送ってください。"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView onMethod(HttpRequestMethodNotSupportedException e) {
        return respond(problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "この URL では " + e.getMethod() + " は使えません。"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ModelAndView onNoResource(NoResourceFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "指定された URL は存在しません。"));
    }

    /** A live-event client went away: nothing to answer and nothing worth an error in the log. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void onClientGone(AsyncRequestNotUsableException e) {
        log.debug("Client disconnected: {}", e.getMessage());
    }

    /**
     * No connection to the database (the pool's timeout, a connection lost or refused): 503 with a time to try again,
     * not 500, for the server is fine and the request may well succeed shortly. Only the type is logged.
     */
    @ExceptionHandler({SQLTransientConnectionException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class})
    ModelAndView onDatabaseUnavailable(Exception e) {
        log.warn("Database unavailable during a request ({})", e.getClass().getName());
        return databaseUnavailable();
    }

    static ModelAndView databaseUnavailable() {
        HttpServletResponse response = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getResponse();
        if (response != null) {
            response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.CODE, DatabaseUnavailable.DETAIL));
    }

    @ExceptionHandler(Exception.class)
    ModelAndView onUnexpected(Exception e) {
        if (clientGone(e)) {
            log.debug("Client disconnected: {}", e.getMessage());
            return null;
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // Wrapped on its way up (a listener, a stream): still the database, not a bug.
            return onDatabaseUnavailable(e);
        }
        log.error("Unexpected error ({})", e.getClass().getName(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "システムで問題が発生しました。しばらくしてからもう一度お試しください。"));
    }

    private static ModelAndView respond(ProblemDetail problem) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        HttpStatus status = HttpStatus.valueOf(problem.getStatus());
        // On the /error dispatch (an exception met again there) the request's own path is in an attribute.
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String s ? s : request.getRequestURI();
        if (path.startsWith("/api/")) {
            return json(problem, path);
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("message", problem.getDetail());
        return page;
    }

    /** The problem as problem+json; {@code path} is the request's (also when answering on /error for it). */
    static ModelAndView json(ProblemDetail problem, String path) {
        try {
            problem.setInstance(URI.create(path));
        } catch (IllegalArgumentException e) {
            // A path the firewall rejected may not even be a URI; the problem is complete without it.
        }
        ModelAndView json = new ModelAndView(new ProblemJsonView(problem));
        json.setStatus(HttpStatus.valueOf(problem.getStatus()));
        return json;
    }

    /** Writes the problem as application/problem+json, with its extra properties (code) at the top level. */
    private record ProblemJsonView(ProblemDetail problem) implements View {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        public String getContentType() {
            return "application/problem+json";
        }

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", String.valueOf(problem.getType()));
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("detail", problem.getDetail());
            body.put("instance", String.valueOf(problem.getInstance()));
            if (problem.getProperties() != null) {
                body.putAll(problem.getProperties());
            }
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSON.writeValueAsString(body));
        }
    }
}

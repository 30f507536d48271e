package org.madoguchi.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The /error page, for refusals made before a controller runs (the security firewall rejecting an encoded
 * "..", an undecodable query parameter, TRACE): problem+json with a Japanese detail under /api, the Japanese
 * error page elsewhere. Replaces Spring Boot's default, whose JSON is not problem+json and has no detail.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.causedBy(failure)) {
            // Failed before any controller (the session store is in the database, too).
            return ApiProblems.databaseUnavailable();
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        HttpStatus resolved = HttpStatus.resolve(status);
        HttpStatus httpStatus = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        if (path.startsWith("/api/")) {
            return ApiProblems.json(ApiProblems.problem(httpStatus, codeOf(status), detailOf(status)), path);
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(httpStatus);
        page.addObject("status", status);
        page.addObject("message", detailOf(status));
        return page;
    }

    static String badRequestDetail() {
        return detailOf(400);
    }

    /** The same problem as a string, for Tomcat's own error reports (no Spring there). */
    static String problemJson(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://madoguchi.org/problems/" + codeOf(status));
        HttpStatus resolved = HttpStatus.resolve(status);
        body.put("title", resolved != null ? resolved.getReasonPhrase() : "Error");
        body.put("status", status);
        body.put("detail", detailOf(status));
        body.put("code", codeOf(status));
        return JSON.writeValueAsString(body);
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "body-too-large";
            case 414, 431 -> "request-too-long";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "request-refused";
        };
    }

    private static String detailOf(int status) {
        return switch (status) {
            case 400 -> "リクエストの形式が正しくありません（URL やパラメーターの文字を確認してください）。";
            case 401 -> "ログインが必要です。";
            case 403 -> "この操作を行う権限がありません。";
            case 404 -> "指定された URL は存在しません。";
            case 405 -> "この URL ではこのメソッドは使えません。";
            case 413 -> "リクエストの本文が大きすぎます。";
            case 414, 431 -> "リクエストの URL またはヘッダーが長すぎます。";
            case 415 -> "application/json で送ってください。";
            default -> status >= 500 ? "システムで問題が発生しました。しばらくしてからもう一度お試しください。"
                    : "リクエストを処理できませんでした。";
        };
    }
}

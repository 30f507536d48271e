package org.madoguchi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Links to the same page in each language, keeping the page's other parameters (the office, say). */
@ControllerAdvice
class LanguageLinks {

    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        Map<String, String> links = new LinkedHashMap<>();
        if (request.getRequestURI().startsWith("/api/")) {
            return links;
        }
        for (var locale : WebConfiguration.SUPPORTED) {
            links.put(locale.getLanguage(), UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString()).replaceQueryParam("lang", locale.getLanguage())
                    .build().toUriString());
        }
        return links;
    }
}

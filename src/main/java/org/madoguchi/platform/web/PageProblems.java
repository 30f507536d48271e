package org.madoguchi.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import org.madoguchi.platform.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** On screens a refusal is a page in Japanese with a way back, not JSON. */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblems {

    @ExceptionHandler(ProblemException.class)
    String onProblem(ProblemException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("message", e.getMessage());
        return "error";
    }
}

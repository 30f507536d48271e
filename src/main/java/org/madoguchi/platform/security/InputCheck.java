package org.madoguchi.platform.security;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.madoguchi.platform.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Checks a form's input against the same bean-validation constraints the API's {@code @Valid} applies, so that
 * pages, which bind plain form fields, refuse exactly what the API refuses — in Japanese, with field labels.
 */
@Component
class InputCheck {

    private static final Map<String, String> LABELS = Map.of("login", "職員ID", "displayName", "氏名",
            "password", "初期パスワード", "role", "役割", "departments", "担当課", "name", "名前", "kind", "種類",
            "officeId", "庁舎");

    private final Validator validator;

    InputCheck(Validator validator) {
        this.validator = validator;
    }

    /** Throws a 422 problem naming every field in error; does nothing when the input is valid. */
    void validate(Object input) {
        Set<ConstraintViolation<Object>> violations = validator.validate(input);
        if (violations.isEmpty()) {
            return;
        }
        String fields = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> label(v.getPropertyPath().toString()) + "（" + v.getMessage() + "）")
                .distinct().collect(Collectors.joining("、"));
        throw ProblemException.invalid("invalid-fields", "入力に誤りがあります: " + fields);
    }

    private static String label(String path) {
        String field = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
        return LABELS.getOrDefault(field, field);
    }
}

package org.madoguchi.navigator.flow;

import java.util.List;
import java.util.Map;

/** A text in the navigator's languages; Japanese is always there and stands in for a missing translation. */
public record Text(Map<String, String> values) {

    public static final List<String> LANGUAGES = List.of("ja", "ja-yasashii", "en", "zh", "ko");

    public Text {
        values = Map.copyOf(values);
    }

    public String get(String language) {
        String value = values.get(language);
        return value != null ? value : values.get("ja");
    }

    public String ja() {
        return values.get("ja");
    }
}

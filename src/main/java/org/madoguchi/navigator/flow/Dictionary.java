package org.madoguchi.navigator.flow;

import java.util.Map;

/**
 * Shared texts of the flows (navigator/common.yaml): things to bring and cheaper or easier alternatives,
 * referred to by id so each is written (and translated) once.
 */
public record Dictionary(Map<String, Text> bring, Map<String, Alternative> alternatives) {

    public record Alternative(String id, Text title, Text text, String channel, boolean confirm) {
    }
}

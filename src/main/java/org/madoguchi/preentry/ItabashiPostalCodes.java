package org.madoguchi.preentry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Itabashi's postal codes → town (町名), from {@code preentry/itabashi-postal-codes.tsv} (to be checked against
 * Japan Post's KEN_ALL data, see the file's header and docs/preentry.md). Used only to suggest an address.
 */
@Component
class ItabashiPostalCodes {

    static final String WARD = "東京都板橋区";

    private final Map<String, String> towns = new LinkedHashMap<>();

    ItabashiPostalCodes() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("preentry/itabashi-postal-codes.tsv").getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                towns.put(parts[0].strip(), parts[1].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address up to the town for a normalised postal code (123-4567), if it is one of Itabashi's. */
    Optional<String> suggest(String postalCode) {
        return Optional.ofNullable(towns.get(postalCode)).map(town -> WARD + town);
    }

    int size() {
        return towns.size();
    }
}

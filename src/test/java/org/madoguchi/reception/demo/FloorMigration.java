package org.madoguchi.reception.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Itabashi floor as the V3 migration defines it, read from the SQL text, so the demo's procedure ids
 * and counter layout are checked against the real migration without starting a database.
 */
final class FloorMigration {

    record Procedure(String id, String departmentId, int typicalMinutes) {
    }

    final Map<String, Procedure> procedures = new LinkedHashMap<>();
    final Map<String, Boolean> linkedDepartments = new LinkedHashMap<>();
    /** honcho counter id to the departments it serves, as the counter_department insert builds them. */
    final Map<String, Set<String>> counters = new LinkedHashMap<>();

    FloorMigration() {
        String sql = read("/db/migration/V3__itabashi_floor.sql");
        Matcher p = Pattern.compile(
                "\\('([a-z-]+)',\\s*'([a-z-]+)',\\s*(?:'[a-z-]+'|NULL),\\s*'[^']*',\\s*'[^']*',\\s*(\\d+)\\)").matcher(sql);
        while (p.find()) {
            procedures.put(p.group(1), new Procedure(p.group(1), p.group(2), Integer.parseInt(p.group(3))));
        }
        Matcher d = Pattern.compile(
                "\\('([a-z-]+)',\\s*'honcho',\\s*'[^']*',\\s*'[^']*',\\s*'[^']*',\\s*'[^']*',\\s*(true|false),").matcher(sql);
        while (d.find()) {
            linkedDepartments.put(d.group(1), Boolean.parseBoolean(d.group(2)));
        }
        String links = sql.substring(sql.indexOf("INSERT INTO reception.counter_department"));
        links = links.substring(0, links.indexOf(';'));
        Matcher single = Pattern.compile("SELECT 'honcho-' \\|\\| n, '([a-z-]+)' FROM generate_series\\((\\d+), (\\d+)\\)")
                .matcher(links);
        while (single.find()) {
            for (int n = Integer.parseInt(single.group(2)); n <= Integer.parseInt(single.group(3)); n++) {
                counters.computeIfAbsent("honcho-" + n, k -> new LinkedHashSet<>()).add(single.group(1));
            }
        }
        Matcher shared = Pattern.compile(
                "SELECT 'honcho-' \\|\\| n, d FROM generate_series\\((\\d+), (\\d+)\\) n, unnest\\(ARRAY\\[([^]]+)]\\)")
                .matcher(links);
        while (shared.find()) {
            for (int n = Integer.parseInt(shared.group(1)); n <= Integer.parseInt(shared.group(2)); n++) {
                for (String dep : shared.group(3).replace("'", "").split(",\\s*")) {
                    counters.computeIfAbsent("honcho-" + n, k -> new LinkedHashSet<>()).add(dep);
                }
            }
        }
    }

    Map<String, Integer> typicalMinutes() {
        Map<String, Integer> minutes = new LinkedHashMap<>();
        procedures.values().forEach(p -> minutes.put(p.id(), p.typicalMinutes()));
        return minutes;
    }

    private static String read(String resource) {
        try (InputStream in = FloorMigration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.madoguchi.liveinfo.forecast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Japan's national holidays as holiday_jp publishes them, read from its YAML. Accepts both the shape we ship
 * ({@code holidays: {date: {name, name_en}}}) and holiday_jp's own {@code holidays.yml} ({@code date: name} or
 * {@code date: {name, name_en, …}} at the top level), so an operator can drop in a newer file unchanged.
 */
public final class Holidays {

    public record Holiday(LocalDate date, String name, String nameEn) {
    }

    private final TreeMap<LocalDate, Holiday> byDate;
    private final String version;

    private Holidays(TreeMap<LocalDate, Holiday> byDate, String version) {
        this.byDate = byDate;
        this.version = version;
    }

    public static Holidays parse(InputStream yaml) {
        Object root;
        try (yaml) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("The holidays file is not a YAML mapping");
        }
        Object entries = map.containsKey("holidays") ? map.get("holidays") : map;
        if (!(entries instanceof Map<?, ?> dates)) {
            throw new IllegalArgumentException("The holidays file has no mapping of dates");
        }
        TreeMap<LocalDate, Holiday> byDate = new TreeMap<>();
        dates.forEach((key, value) -> {
            Optional<LocalDate> date = date(key);
            if (date.isEmpty()) {
                return; // holiday_jp's own metadata keys, if any
            }
            String name;
            String nameEn;
            if (value instanceof Map<?, ?> fields) {
                name = String.valueOf(fields.get("name"));
                nameEn = fields.get("name_en") == null ? name : String.valueOf(fields.get("name_en"));
            } else {
                name = String.valueOf(value);
                nameEn = name;
            }
            byDate.put(date.get(), new Holiday(date.get(), name, nameEn));
        });
        if (byDate.isEmpty()) {
            throw new IllegalArgumentException("The holidays file lists no dates");
        }
        Object version = map.get("version");
        return new Holidays(byDate, version == null ? "unknown" : String.valueOf(version));
    }

    /** SnakeYAML reads an unquoted 2024-02-23 as a timestamp at UTC midnight; quoted ones stay strings. */
    private static Optional<LocalDate> date(Object key) {
        if (key instanceof Date d) {
            return Optional.of(d.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
        }
        try {
            return Optional.of(LocalDate.parse(String.valueOf(key)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Optional<Holiday> on(LocalDate date) {
        return Optional.ofNullable(byDate.get(date));
    }

    public boolean isHoliday(LocalDate date) {
        return byDate.containsKey(date);
    }

    public LocalDate first() {
        return byDate.firstKey();
    }

    /** The last date the data covers; after it we know no holidays, so forecasts beyond it say so. */
    public LocalDate last() {
        return byDate.lastKey();
    }

    public int size() {
        return byDate.size();
    }

    public String version() {
        return version;
    }
}

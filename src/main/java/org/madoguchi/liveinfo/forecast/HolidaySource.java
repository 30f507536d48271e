package org.madoguchi.liveinfo.forecast;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The holiday data in use: the bundled {@code liveinfo/holidays.yml}, or the file named by
 * {@code madoguchi.liveinfo.forecast.holidays-file} when set. That file is looked at again at most once per
 * {@code holidays-check-interval} and re-read when its modification time changes, so a newer holidays.yml
 * from holiday_jp takes effect without a restart. A broken file is logged and the previous data kept.
 */
@Component
public class HolidaySource {

    private static final Logger log = LoggerFactory.getLogger(HolidaySource.class);
    static final String BUNDLED = "/liveinfo/holidays.yml";

    private final Path file;
    private final Duration checkInterval;
    private final Clock clock;
    private volatile Holidays current;
    private volatile FileTime loadedVersion;
    private volatile Instant lastCheck = Instant.MIN;

    @Autowired
    HolidaySource(ForecastProperties properties) {
        this(properties.holidaysFile() == null || properties.holidaysFile().isBlank() ? null
                : Path.of(properties.holidaysFile()), properties.holidaysCheckInterval(), Clock.systemUTC());
    }

    HolidaySource(Path file, Duration checkInterval, Clock clock) {
        this.file = file;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.current = bundled();
        refresh();
    }

    public static Holidays bundled() {
        InputStream in = HolidaySource.class.getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new IllegalStateException("The bundled holiday data " + BUNDLED + " is missing");
        }
        return Holidays.parse(in);
    }

    public Holidays holidays() {
        Instant now = clock.instant();
        if (file != null && Duration.between(lastCheck, now).compareTo(checkInterval) >= 0) {
            refresh();
        }
        return current;
    }

    /** Whether the data in use came from the configured file rather than the bundled copy. */
    public boolean fromFile() {
        return loadedVersion != null;
    }

    synchronized void refresh() {
        lastCheck = clock.instant();
        if (file == null) {
            return;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loadedVersion)) {
                return;
            }
            Holidays loaded = Holidays.parse(Files.newInputStream(file));
            current = loaded;
            loadedVersion = modified;
            log.info("Holiday data loaded from {}: {} holidays, {} to {}", file, loaded.size(), loaded.first(),
                    loaded.last());
        } catch (IOException | RuntimeException e) {
            log.warn("Holiday data file {} could not be read ({}); keeping the {} data", file, e.getMessage(),
                    loadedVersion == null ? "bundled" : "previous");
        }
    }
}

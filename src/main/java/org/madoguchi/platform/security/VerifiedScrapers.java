package org.madoguchi.platform.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.madoguchi.platform.database.DatabaseAvailability;

/**
 * Metrics scraper tokens that the database confirmed on their last scrape, by hash. Used only while the database
 * is known to be away, so that monitoring still reads {@code madoguchi_database_up 0} instead of losing the target
 * exactly when it matters; otherwise every scrape is checked against the database, so a revoked token stops at once.
 * The few scrapers an installation registers bound the map; a token no longer valid is forgotten on its next scrape.
 */
final class VerifiedScrapers {

    private static final int MAX_REMEMBERED = 32;

    private final DatabaseAvailability availability;
    private final Map<String, DevicePrincipal> byHash = new ConcurrentHashMap<>();

    VerifiedScrapers(DatabaseAvailability availability) {
        this.availability = availability;
    }

    boolean outage() {
        return !availability.available();
    }

    Optional<DevicePrincipal> remembered(String token) {
        return Optional.ofNullable(byHash.get(Accounts.sha256(token)));
    }

    /** What the database said about a token used on the metrics path: a scraper, or nothing (then forgotten). */
    void update(String token, Optional<DevicePrincipal> scraper) {
        String hash = Accounts.sha256(token);
        if (scraper.isEmpty()) {
            byHash.remove(hash);
        } else if (byHash.size() < MAX_REMEMBERED || byHash.containsKey(hash)) {
            byHash.put(hash, scraper.get());
        }
    }
}

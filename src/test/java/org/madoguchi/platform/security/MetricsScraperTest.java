package org.madoguchi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.database.DatabaseAvailability;
import tools.jackson.databind.JsonNode;

/**
 * The monitoring server's credential is a device token of kind METRICS: it reads /actuator/prometheus and is worth
 * nothing anywhere else (not even where any signed-in caller would do), it pairs no browser, an administrator revokes
 * it like any device, and it keeps working while the database is away, so that the outage itself can be scraped.
 */
class MetricsScraperTest {

    private final TestApp app = TestApp.shared();
    private final Http admin = new Http(app).admin();

    private JsonNode register() {
        Http.Response registered = admin.post("/api/v1/admin/devices", Http.json(Map.of(
                "name", "Prometheus " + UUID.randomUUID(), "kind", "METRICS", "officeId", "honcho")));
        assertThat(registered.status()).isEqualTo(201);
        return registered.json();
    }

    @Test
    void theScraperTokenReadsMetricsAndNothingElse() {
        JsonNode device = register();
        assertThat(device.path("kind").asString()).isEqualTo("METRICS");
        assertThat(device.path("officeId").isNull()).as("a scraper belongs to no office").isTrue();
        Http scraper = new Http(app).bearer(device.path("token").asString());

        assertThat(scraper.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(new Http(app).get("/actuator/prometheus").status()).as("never public").isEqualTo(401);
        assertThat(new Http(app).bearer(app.device("KIOSK", "honcho")).get("/actuator/prometheus").status())
                .isIn(401, 403);
        // Elsewhere the token counts for nothing: as anonymous, refused wherever a sign-in is needed.
        for (String path : java.util.List.of("/actuator/metrics", "/actuator/env", "/api/v1/staff/me",
                "/api/v1/counters/honcho-1", "/api/v1/offices/honcho/events", "/board")) {
            Http.Response response = scraper.get(path);
            assertThat(response.status()).as(path).isIn(302, 401, 403);
        }
        assertThat(scraper.post("/api/v1/offices/honcho/tickets", Http.json(Map.of("itinerary",
                java.util.List.of(Map.of("departmentId", "koseki-jumin"))))).status()).isIn(401, 403);
        // Health stays as it was: public.
        assertThat(new Http(app).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void aScraperTokenPairsNoBrowserAndStopsWhenRevoked() throws Exception {
        JsonNode device = register();
        String token = device.path("token").asString();
        FormSession browser = new FormSession(app);
        assertThat(browser.post("/devices/pair", "/devices/pair", Map.of("token", token)).statusCode()).isEqualTo(422);

        Http scraper = new Http(app).bearer(token);
        assertThat(scraper.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/devices/" + device.path("id").asLong() + "/revoke", null).status())
                .isEqualTo(204);
        assertThat(scraper.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/admin/audit").body()).contains("device " + device.path("id").asLong() + " (METRICS)");
    }

    @Test
    void duringADatabaseOutageAScraperSeenBeforeStillReadsMetrics() {
        Http known = new Http(app).bearer(register().path("token").asString());
        Http unknown = new Http(app).bearer(register().path("token").asString());
        assertThat(known.get("/actuator/prometheus").status()).isEqualTo(200);
        DatabaseAvailability availability = app.bean(DatabaseAvailability.class);
        // SERVER is reported only by the embedded database's watchdog, which this instance (external database) lacks,
        // so nothing clears it behind the test's back.
        availability.down(DatabaseAvailability.Source.SERVER);
        try {
            Http.Response scraped = known.get("/actuator/prometheus");
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body()).contains("madoguchi_database_up 0.0")
                    .containsPattern("madoguchi_queue_waiting\\{[^}]*department=\"koseki-jumin\"[^}]*} NaN");
            assertThat(unknown.get("/actuator/prometheus").status()).as("never checked against the database")
                    .isEqualTo(401);
        } finally {
            availability.up(DatabaseAvailability.Source.SERVER);
        }
        assertThat(unknown.get("/actuator/prometheus").status()).isEqualTo(200);
    }
}

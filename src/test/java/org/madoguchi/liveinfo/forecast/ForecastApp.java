package org.madoguchi.liveinfo.forecast;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.madoguchi.TestApp;

/**
 * The application for the forecast's web tests, and the history they record. An instance of its own: the
 * forecast keeps fitted models in memory, and other tests' data must not reach them mid-test.
 */
final class ForecastApp {

    private ForecastApp() {
    }

    private static TestApp app;

    static synchronized TestApp get() {
        if (app == null) {
            app = TestApp.start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        }
        return app;
    }

    /**
     * Records {@code days} of history at 赤塚支所: every weekday until yesterday, 30 visitors on Mondays and 10
     * on other days, all queued at 10:00. Holidays get rows too, as a real office open by mistake would; the
     * forecast must skip them.
     */
    static void recordAkatsukaHistory(TestApp app, int days) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        app.jdbc().sql("""
                        INSERT INTO reception.ticket (id, office_id, service_date, number, issued_at, channel,
                                                      priority_class, priority_rank, public_token, status)
                        SELECT gen_random_uuid(), 'akatsuka', d::date, n,
                               (d::date + time '10:00') AT TIME ZONE 'Asia/Tokyo', 'KIOSK', 'GENERAL', 100,
                               'fc-' || md5(d::text || '-' || n), 'FINISHED'
                        FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') d,
                             generate_series(1, CASE WHEN extract(isodow FROM d) = 1 THEN 30 ELSE 10 END) n
                        WHERE extract(isodow FROM d) < 6""")
                .param("from", today.minusDays(days)).param("to", today.minusDays(1)).update();
        app.jdbc().sql("""
                        INSERT INTO reception.visit (ticket_id, seq, department_id, status, priority_rank,
                                                     original_issued_at, ticket_number, queued_at, completed_at)
                        SELECT id, 1, 'akatsuka-madoguchi', 'COMPLETED', 100, issued_at, number, issued_at,
                               issued_at + interval '10 minutes'
                        FROM reception.ticket WHERE office_id = 'akatsuka' AND public_token LIKE 'fc-%'""")
                .update();
        app.bean(ForecastService.class).refresh();
    }
}

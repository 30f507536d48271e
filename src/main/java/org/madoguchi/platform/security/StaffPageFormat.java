package org.madoguchi.platform.security;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.madoguchi.platform.Actor;
import org.springframework.stereotype.Component;

/**
 * How the account and administration pages write times and roles. Public only because templates call it
 * ({@code ${@staffPageFormat.time(...)}}) through reflection.
 */
@Component
public final class StaffPageFormat {

    // The staff screens serve one Japanese city hall: its clerks read times in Japan's time, not the server's.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm")
            .withZone(ZoneId.of("Asia/Tokyo"));

    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    public String role(Actor.Role role) {
        return switch (role) {
            case ADMIN -> "システム管理者";
            case MANAGER -> "フロア責任者";
            case STAFF -> "窓口職員";
            case KIOSK -> "発券機";
            case DISPLAY -> "呼出モニター";
            case METRICS -> "監視（メトリクス取得）";
            case SYSTEM -> "システム";
        };
    }
}

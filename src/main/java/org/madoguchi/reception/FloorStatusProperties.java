package org.madoguchi.reception;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Floor overview settings.
 *
 * @param waitAlert a department whose longest current wait passes this is marked for the floor manager
 */
@ConfigurationProperties("madoguchi.floor")
public record FloorStatusProperties(Duration waitAlert) {

    public FloorStatusProperties {
        waitAlert = waitAlert == null || waitAlert.isNegative() || waitAlert.isZero() ? Duration.ofMinutes(20) : waitAlert;
    }
}

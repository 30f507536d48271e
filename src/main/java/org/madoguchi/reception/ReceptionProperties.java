package org.madoguchi.reception;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reception rules a ward may change.
 *
 * @param absentGrace how long an absent visitor may come back and return to the queue with their original priority
 * @param absentAfterGrace what happens to an absent visit when the grace period ends
 * @param autoCloseDay close each office's day at its closing time (unfinished visits become UNSERVED, recorded)
 */
@ConfigurationProperties("madoguchi.reception")
public record ReceptionProperties(Duration absentGrace, AfterGrace absentAfterGrace, Boolean autoCloseDay) {

    public enum AfterGrace { DROP, REQUEUE }

    public ReceptionProperties {
        absentGrace = absentGrace == null ? Duration.ofMinutes(15) : absentGrace;
        absentAfterGrace = absentAfterGrace == null ? AfterGrace.DROP : absentAfterGrace;
        autoCloseDay = autoCloseDay == null || autoCloseDay;
    }
}

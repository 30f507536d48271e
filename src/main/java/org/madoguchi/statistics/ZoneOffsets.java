package org.madoguchi.statistics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A zone's offset at instants given in seconds, looked up in the zone rules again only when an instant leaves the
 * span of the last offset: rows written or read in bulk come in runs of nearby times, and the rules' lookup (with
 * its allocations) was a visible share of the per-row work. One instance per thread.
 */
final class ZoneOffsets {

    private final ZoneRules rules;
    private long from = Long.MAX_VALUE;
    private long until = Long.MIN_VALUE;
    private int seconds;

    ZoneOffsets(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** The offset in seconds at {@code utcSecond} (seconds since 1970). */
    int at(long utcSecond) {
        if (utcSecond < from || utcSecond >= until) {
            Instant instant = Instant.ofEpochSecond(utcSecond);
            seconds = rules.getOffset(instant).getTotalSeconds();
            ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
            ZoneOffsetTransition next = rules.nextTransition(instant);
            from = previous == null ? Long.MIN_VALUE : previous.getInstant().getEpochSecond();
            until = next == null ? Long.MAX_VALUE : next.getInstant().getEpochSecond();
        }
        return seconds;
    }

    /** The local hour of day (0–23) at {@code utcSecond}. */
    int hour(long utcSecond) {
        return (int) (Math.floorMod(utcSecond + at(utcSecond), 86_400L) / 3600);
    }
}

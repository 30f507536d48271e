package org.madoguchi.liveinfo.mail;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.madoguchi.reception.TicketStatus;
import org.madoguchi.reception.VisitStatus;

/** When a visitor wants to be told, from the loosest to the tightest: 5 ahead, 3 ahead, called. */
enum NotifyLevel {
    AHEAD_5, AHEAD_3, CALLED;

    /** The tightest level a department step has reached right now, if any. */
    static Optional<NotifyLevel> reached(TicketStatus.Step step) {
        if (step.status() == VisitStatus.CALLED) {
            return Optional.of(CALLED);
        }
        if (step.status() == VisitStatus.WAITING && step.position() != null) {
            if (step.position() <= 3) {
                return Optional.of(AHEAD_3);
            }
            if (step.position() <= 5) {
                return Optional.of(AHEAD_5);
            }
        }
        return Optional.empty();
    }

    /**
     * Of the chosen levels, the tightest one that {@code reached} covers: a visitor who chose "5 ahead" only
     * and jumps from 7 to 2 ahead still gets told, once.
     */
    static Optional<NotifyLevel> toSend(Set<NotifyLevel> chosen, NotifyLevel reached) {
        NotifyLevel best = null;
        for (NotifyLevel level : chosen) {
            if (level.ordinal() <= reached.ordinal() && (best == null || level.ordinal() > best.ordinal())) {
                best = level;
            }
        }
        return Optional.ofNullable(best);
    }

    static Set<NotifyLevel> parse(Iterable<String> values) {
        Set<NotifyLevel> levels = EnumSet.noneOf(NotifyLevel.class);
        if (values != null) {
            for (String v : values) {
                for (NotifyLevel level : values()) {
                    if (level.name().equals(v)) {
                        levels.add(level);
                    }
                }
            }
        }
        return levels;
    }
}

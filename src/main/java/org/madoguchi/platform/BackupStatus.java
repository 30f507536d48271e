package org.madoguchi.platform;

import java.util.Optional;

/** Whether the database's backups are current, for screens that warn the staff (the floor overview). */
public interface BackupStatus {

    /** Empty while backups are off or the newest is recent enough. */
    Optional<Overdue> overdue();

    /** {@code hoursSinceNewest} is null when no backup has been taken at all. */
    record Overdue(Long hoursSinceNewest) {
    }
}

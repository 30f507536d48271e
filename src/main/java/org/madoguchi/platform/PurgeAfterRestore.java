package org.madoguchi.platform;

/**
 * Implemented by modules that delete personal data on a schedule. A restored backup may hold rows whose time is
 * long past; the restore calls every implementation before the application serves anything, so an old backup
 * never brings back what should already be gone.
 */
public interface PurgeAfterRestore {

    /** Deletes whatever is past its retention now; returns how many rows went (for the log, never their content). */
    int purgeAfterRestore();
}

package org.madoguchi.platform;

/**
 * When the database goes away and when it is back, for live streams that stay open meanwhile: they tell their
 * screens to show a waiting state instead of letting them believe that nothing happens on the floor.
 */
public interface DatabaseOutages {

    /** Whether the database can be reached, as last observed; answers at once. */
    boolean databaseAvailable();

    /**
     * Runs {@code onOutage} when the database becomes unavailable and {@code onRecovery} when it is available
     * again, once per change, on the thread that noticed it. Both must return quickly and must not use the database.
     */
    void subscribe(Runnable onOutage, Runnable onRecovery);
}

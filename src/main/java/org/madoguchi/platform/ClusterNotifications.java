package org.madoguchi.platform;

import java.util.function.Consumer;

/**
 * Notifications between the application nodes that share one database (PostgreSQL LISTEN/NOTIFY).
 * A notification sent inside a transaction is delivered only if and when it commits, to every node,
 * including the sender. Payloads carry ids only, never personal data.
 */
public interface ClusterNotifications {

    /**
     * Calls {@code listener} with each payload on {@code channel}. After the listening connection was lost
     * and re-established, {@code onResync} runs so the subscriber can reload state it may have missed.
     */
    void subscribe(String channel, Consumer<String> listener, Runnable onResync);

    /** Queues a notification in the current transaction (or sends it at once outside one). */
    void send(String channel, String payload);
}

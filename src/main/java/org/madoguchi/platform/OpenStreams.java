package org.madoguchi.platform;

/**
 * Something that holds long-lived responses (Server-Sent Events). The web server's graceful shutdown waits for every
 * open request, and a stream never ends by itself; so just before that wait the platform asks each holder to end its
 * streams (browsers reconnect to another node or after the restart) and to refuse new ones.
 */
public interface OpenStreams {

    /** Ends every open stream at once and refuses new ones from now on. */
    void endForShutdown();
}

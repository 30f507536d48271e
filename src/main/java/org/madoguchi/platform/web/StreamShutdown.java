package org.madoguchi.platform.web;

import java.util.List;
import org.madoguchi.platform.OpenStreams;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends the live streams just before the web server's graceful shutdown (the next lower phase) starts waiting for
 * open requests: otherwise every stream would hold shutdown for the whole {@code spring.lifecycle.timeout-per-shutdown-phase}
 * while ordinary requests in flight, which do end, get their time to finish.
 */
@Component
class StreamShutdown implements SmartLifecycle {

    private final List<OpenStreams> holders;
    private volatile boolean running;

    StreamShutdown(List<OpenStreams> holders) {
        this.holders = holders;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        holders.forEach(OpenStreams::endForShutdown);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }
}

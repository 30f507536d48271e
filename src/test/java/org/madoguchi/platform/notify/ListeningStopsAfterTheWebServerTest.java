package org.madoguchi.platform.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.platform.ClusterNotifications;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Spring stops lifecycles from the highest phase down. The listening connection stopped first (the default phase),
 * so what requests still in flight committed during a graceful shutdown never reached this node's subscribers (the
 * call-notification mails among them). It must stop after the web server, and start before it.
 */
class ListeningStopsAfterTheWebServerTest {

    @Test
    void theListeningConnectionOutlivesTheWebServer() {
        ClusterNotifications notifications = TestApp.shared().bean(ClusterNotifications.class);
        assertThat(notifications).isInstanceOf(SmartLifecycle.class);
        int phase = ((SmartLifecycle) notifications).getPhase();
        assertThat(phase).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
                .isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
        assertThat(((SmartLifecycle) notifications).isRunning()).isTrue();
    }
}

package org.madoguchi.platform;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /** One clock for every module, so tests and the demo can move time deliberately. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * When the application stops, Spring's scheduler takes no new runs at once and lets a job already running (a
     * backup, a purge) finish, within {@code spring.lifecycle.timeout-per-shutdown-phase} and before the database
     * pool closes. Without this, a run due a moment later (a cron job's next time) would still start meanwhile.
     */
    @Bean
    ThreadPoolTaskSchedulerCustomizer noScheduledRunsAfterShutdown() {
        return scheduler -> scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }
}

package org.madoguchi.reception;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BusinessClockConfiguration {

    /** The real clock. The demo's replayed day, when the demo is on, is the primary bean instead. */
    @Bean
    BusinessClock wallBusinessClock(Clock clock) {
        return clock::instant;
    }
}

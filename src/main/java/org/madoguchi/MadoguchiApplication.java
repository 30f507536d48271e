package org.madoguchi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One application, one module per capability: see docs/architecture.md. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MadoguchiApplication {

    public static void main(String[] args) {
        SpringApplication.run(MadoguchiApplication.class, args);
    }
}

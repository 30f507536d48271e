package org.madoguchi.platform.backup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.madoguchi.platform.PurgeAfterRestore;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
class BackupConfiguration {

    /** Only with {@code madoguchi.backup.restore} set does Flyway's start-up migration become a restore. */
    @Bean
    @ConditionalOnExpression("!'${madoguchi.backup.restore:}'.isBlank()")
    BackupRestore backupRestore(Backups backups, BackupProperties properties, ObjectProvider<PurgeAfterRestore> purges) {
        return new BackupRestore(backups, properties, purges);
    }
}

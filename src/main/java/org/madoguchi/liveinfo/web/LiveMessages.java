package org.madoguchi.liveinfo.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.support.AbstractResourceBasedMessageSource;
import org.springframework.stereotype.Component;

/**
 * Adds the live pages' bundle ({@code i18n/liveinfo*.properties}) to the application's message source, so
 * the module works whatever {@code spring.messages.basename} lists; listing it there makes this a no-op.
 */
@Component
class LiveMessages implements BeanPostProcessor {

    static final String BASENAME = "i18n/liveinfo";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if ("messageSource".equals(beanName) && bean instanceof AbstractResourceBasedMessageSource source
                && !source.getBasenameSet().contains(BASENAME)) {
            source.addBasenames(BASENAME);
        }
        return bean;
    }
}

package org.vaultmail.i18n;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/** Replaces Spring Boot's Accept-Language-only resolver (same bean name) with the user's choice first. */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver(UserLanguages languages) {
        return new UserLocaleResolver(languages);
    }
}

package org.vaultmail.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet filters that run before everything else, Spring Security included. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<TrustedProxiesFilter> trustedProxiesFilter(WebProperties properties) {
        FilterRegistrationBean<TrustedProxiesFilter> registration =
                new FilterRegistrationBean<>(new TrustedProxiesFilter(properties.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}

package org.vaultmail.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
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

    /** After the proxies filter, which decides the client's address. */
    @Bean
    FilterRegistrationBean<ClientOriginFilter> clientOriginFilter() {
        FilterRegistrationBean<ClientOriginFilter> registration = new FilterRegistrationBean<>(new ClientOriginFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Keeps {@code %2F} encoded in request paths (instead of refusing the request) so that a folder path can be
     * one path segment; Spring MVC decodes it into the path variable after matching.
     */
    @Bean
    TomcatConnectorCustomizer encodedSolidusPassthrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}

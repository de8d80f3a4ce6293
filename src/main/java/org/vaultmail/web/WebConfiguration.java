package org.vaultmail.web;

import java.util.EnumSet;

import com.fasterxml.jackson.annotation.Nulls;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet filters that run before everything else, Spring Security included. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

    /** Before everything, the trusted-proxy filter included: only canonical request paths go on (ADR 0024). */
    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPathFilter() {
        FilterRegistrationBean<CanonicalPathFilter> registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<TrustedProxiesFilter> trustedProxiesFilter(WebProperties properties) {
        FilterRegistrationBean<TrustedProxiesFilter> registration =
                new FilterRegistrationBean<>(new TrustedProxiesFilter(properties.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Refuses any forwarded-header handling but {@link TrustedProxiesFilter}'s, on every platform. */
    @Bean
    ForwardedHeadersGuard forwardedHeadersGuard(org.springframework.core.env.Environment environment) {
        return new ForwardedHeadersGuard(environment);
    }

    /** Undecodable query or form parameters are a 400 before any filter reads one (they made Tomcat throw anywhere). */
    @Bean
    FilterRegistrationBean<InvalidParametersFilter> invalidParametersFilter() {
        FilterRegistrationBean<InvalidParametersFilter> registration = new FilterRegistrationBean<>(new InvalidParametersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2); // after the path check and the proxy filter, which read no parameter
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        return registration;
    }

    /** TLS terminated here offers AEAD cipher suites only. */
    @Bean
    TomcatConnectorCustomizer aeadCipherSuites() {
        return new AeadCipherSuites();
    }

    /**
     * Tomcat's error report answers problem+json on {@code /api/} paths and a small page elsewhere, in the language the
     * application's locale resolver picks (no one is signed in at that level: {@code Accept-Language}). Ordered after
     * Spring Boot's customizer so that this valve sits inside Boot's plain one and reports first (Boot's then sees the
     * response written).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ChainProblems problems) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> context.getParent().getPipeline()
                        .addValve(new ProblemErrorReportValve(problems)));
            }
        };
    }

    /**
     * A {@code null} inside a JSON array or object value ({@code "to": [null]}) is refused when the body is read (400),
     * for every request body: no API gives such a null a meaning, and code that iterates a list must not meet one.
     */
    @Bean
    JsonMapperBuilderCustomizer noNullElements() {
        return builder -> builder.changeDefaultNullHandling(n -> n.withContentNulls(Nulls.FAIL));
    }

    /** After the proxies filter, which decides the client's address. */
    @Bean
    FilterRegistrationBean<ClientOriginFilter> clientOriginFilter() {
        FilterRegistrationBean<ClientOriginFilter> registration = new FilterRegistrationBean<>(new ClientOriginFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
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

package org.vaultmail.gateway.apikeys;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.mfa.FreshAuthentication;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.GatewayProperties;

/** Wires API keys: the bearer credential the security chain asks, the per-key rate limit after it, the management. */
@Configuration(proxyBeanMethods = false)
class ApiKeysConfiguration {

    @Bean
    ApiKeyStore apiKeyStore(JdbcClient jdbc) {
        return new ApiKeyStore(jdbc);
    }

    @Bean
    ApiKeyCredentials apiKeyCredentials(ApiKeyStore store, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        return new ApiKeyCredentials(store, new ApiKeyUses(store, events, c), c);
    }

    @Bean
    ApiKeys apiKeys(ApiKeyStore store, FreshAuthentication fresh, GatewayPolicies policies, ApplicationEventPublisher events,
                    TransactionTemplate tx, ObjectProvider<Clock> clock) {
        return new ApiKeys(store, fresh, policies, events, tx, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Only the demo's start-up issues keys without a person's checks; no such bean anywhere else. */
    @Bean
    @Profile("demo")
    TrustedApiKeyIssuer trustedApiKeyIssuer(ApiKeys keys, ApiKeyStore store, ObjectProvider<Clock> clock) {
        return new TrustedApiKeyIssuer(keys, store, clock.getIfAvailable(Clock::systemUTC));
    }

    /** After Spring Security's chain (which set the key's authentication), before the handlers. */
    @Bean
    FilterRegistrationBean<ApiKeyRateLimitFilter> apiKeyRateLimitFilter(GatewayProperties properties) {
        FilterRegistrationBean<ApiKeyRateLimitFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyRateLimitFilter(() -> properties.apiKeys().requestsPerMinute()));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}

package org.vaultmail.oauth.flow;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.config.ClientRegistrations;
import org.vaultmail.oauth.config.OAuthProperties;
import org.vaultmail.oauth.config.TokenHttp;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** The authorization code flow: starting, pending requests (a registered sealed column), the callback. */
@Configuration(proxyBeanMethods = false)
class FlowConfiguration {

    @Bean
    SealedColumn oauthPendingSecretsColumn() {
        return PendingRequests.SECRETS;
    }

    @Bean
    PendingRequests oauthPendingRequests(JdbcClient jdbc, Vault vault, ObjectProvider<Clock> clock) {
        return new PendingRequests(jdbc, vault, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CallbackHandlers oauthCallbackHandlers(ObjectProvider<OAuthCallbackHandler> handlers) {
        return new CallbackHandlers(handlers);
    }

    @Bean
    OAuthFlows oauthFlows(OAuthProviders providers, ClientRegistrations registrations, PendingRequests pending,
                          CallbackHandlers handlers, OAuthProperties properties, ObjectProvider<Clock> clock) {
        return new AuthorizationStarter(providers, registrations, pending, handlers, properties.flowLifetime(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CallbackProcessor oauthCallbackProcessor(ClientRegistrations registrations, PendingRequests pending,
                                             CallbackHandlers handlers, TokenHttp http, ObjectProvider<Clock> clock) {
        return new CallbackProcessor(registrations, pending, handlers,
                new CodeExchange(http, new IdTokenDecoders(http, registrations)), clock.getIfAvailable(Clock::systemUTC));
    }
}

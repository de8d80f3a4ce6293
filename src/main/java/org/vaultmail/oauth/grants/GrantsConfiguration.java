package org.vaultmail.oauth.grants;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthTokens;
import org.vaultmail.oauth.config.ClientRegistrations;
import org.vaultmail.oauth.config.ClientSecrets;
import org.vaultmail.oauth.config.OAuthProperties;
import org.vaultmail.oauth.config.TokenHttp;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Grants (their two sealed columns registered, so {@code keys status/rewrap/retire} cover them) and session tokens. */
@Configuration(proxyBeanMethods = false)
class GrantsConfiguration {

    @Bean
    SealedColumn oauthRefreshTokenColumn() {
        return GrantRows.REFRESH_TOKEN;
    }

    @Bean
    SealedColumn oauthAccessTokenColumn() {
        return GrantRows.ACCESS_TOKEN;
    }

    @Bean
    GrantRows oauthGrantRows(JdbcClient jdbc) {
        return new GrantRows(jdbc);
    }

    @Bean
    TokenEndpoint oauthTokenEndpoint(TokenHttp http, ClientSecrets secrets) {
        return new TokenEndpoint(http, secrets);
    }

    @Bean
    OAuthGrants oauthGrants(GrantRows rows, Vault vault, OAuthProviders providers, ClientRegistrations registrations,
                            TokenEndpoint endpoint, ApplicationEventPublisher publisher, PlatformTransactionManager transactions,
                            OAuthProperties properties, ObjectProvider<Clock> clock) {
        return new StoredGrants(rows, vault, providers, registrations, endpoint, new GrantEvents(publisher),
                new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC), properties.failureQuietTime());
    }

    @Bean
    OAuthTokens oauthTokens(OAuthProviders providers, ClientRegistrations registrations, TokenEndpoint endpoint, GrantRows rows,
                            PlatformTransactionManager transactions, OAuthProperties properties, ObjectProvider<Clock> clock) {
        return new SessionTokens(providers, registrations, endpoint, rows, new TransactionTemplate(transactions),
                clock.getIfAvailable(Clock::systemUTC), properties.failureQuietTime());
    }
}

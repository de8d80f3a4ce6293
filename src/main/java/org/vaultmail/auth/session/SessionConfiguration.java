package org.vaultmail.auth.session;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.vaultmail.oauth.OAuthTokens;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.SessionHolder;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.AuthProperties;
import org.vaultmail.auth.smtp.SmtpCredentials;
import org.vaultmail.mail.MailConnections;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Wires sessions, their store, tokens and signing keys, credential sealing and liveness; registers the sealed columns. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {
    @Bean
    SealedColumn sessionCredentialsColumn() {
        return CredentialSeal.COLUMN;
    }

    @Bean
    SealedColumn sessionSuccessorColumn() {
        return SessionStore.SUCCESSOR_COLUMN;
    }

    @Bean
    SealedColumn signingKeyColumn() {
        return SigningKeys.COLUMN;
    }

    @Bean
    SessionAdministration sessionAdministration(SessionStore store, Sessions sessions, ObjectProvider<Clock> clock) {
        return new SessionAdministration(store, sessions, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, Vault vault, ObjectProvider<Clock> clock, ApplicationEventPublisher events) {
        return new SigningKeys(jdbc, vault, clock.getIfAvailable(Clock::systemUTC), events);
    }

    @Bean
    SessionStore sessionStore(JdbcClient jdbc) {
        return new SessionStore(jdbc);
    }

    @Bean
    SessionExpiryClamp sessionExpiryClamp(SessionStore store) {
        return new SessionExpiryClamp(store);
    }

    @Bean
    AccessTokens accessTokens(SigningKeys keys, AuthPolicies policies, ObjectProvider<Clock> clock) {
        return new AccessTokens(keys, clock.getIfAvailable(Clock::systemUTC), () -> policies.current().accessTokenTtl());
    }

    @Bean
    CredentialSeal credentialSeal(Vault vault) {
        return new CredentialSeal(vault);
    }

    @Bean
    Users users(JdbcClient jdbc) {
        return new Users(jdbc);
    }

    @Bean
    Sessions sessions(Users users, SessionStore store, CredentialSeal seal, SmtpCredentials smtpCredentials, AccessTokens tokens,
                      Vault vault, AuthProperties properties, AuthPolicies policies, ApplicationEventPublisher events,
                      TransactionTemplate tx, ObjectProvider<Clock> clock) {
        return new Sessions(users, store, seal, smtpCredentials, tokens, vault, properties, policies, events, tx,
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** OAuth sessions' access tokens (ADR 0045); without the OAuth module's token client, OAuth sessions cannot refresh. */
    @Bean
    SessionTokenRefresh sessionTokenRefresh(SessionStore store, CredentialSeal seal, ObjectProvider<OAuthTokens> tokens,
                                            Sessions sessions, ApplicationEventPublisher events, TransactionTemplate tx,
                                            ObjectProvider<Clock> clock) {
        return new SessionTokenRefresh(store, seal, tokens::getIfAvailable, sessions, events, tx,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SessionMailConnections sessionMailConnections(MailConnections connections) {
        return new SessionMailConnections(connections);
    }

    /** Ends streams and pooled connections of sessions revoked on another node, or expired (ADR 0029). */
    @Bean
    SessionLiveness sessionLiveness(SessionStore store, AuthPolicies policies, ObjectProvider<SessionHolder> holders,
                                    ObjectProvider<Clock> clock,
                                    @Value("${vaultmail.auth.session-check-interval:1s}") Duration interval) {
        return new SessionLiveness(store, policies, holders, clock.getIfAvailable(Clock::systemUTC), interval);
    }
}

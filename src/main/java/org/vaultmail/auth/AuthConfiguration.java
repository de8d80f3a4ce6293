package org.vaultmail.auth;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.smtp.SmtpCredentials;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.mail.MailAuthenticator;
import org.vaultmail.mail.MailConnections;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.AuthProperties;
import org.vaultmail.auth.policy.ThrottleProperties;

/** Wires sign-in, sessions and tokens; registers the sealed columns with key management. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

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
    SealedColumn pendingSignInCredentialsColumn() {
        return PendingSignIns.COLUMN;
    }

    @Bean
    PendingSignIns pendingSignIns(JdbcClient jdbc, Vault vault, Sessions sessions, UserMfa mfa, SignInThrottle throttle,
                                  ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        return new PendingSignIns(jdbc, new CredentialSeal(vault, PendingSignIns.COLUMN), sessions, mfa, throttle, events,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ClientKeys clientKeys(ThrottleProperties throttling) {
        return new ClientKeys(throttling.ipv6PrefixLength());
    }

    @Bean
    SignInThrottle signInThrottle(JdbcClient jdbc, AuthPolicies policies, TransactionTemplate tx, ClientKeys clients,
                                  ObjectProvider<Clock> clock) {
        return new SignInThrottle(jdbc, policies::current, clock.getIfAvailable(Clock::systemUTC), tx, clients);
    }

    @Bean
    SessionAdministration sessionAdministration(SessionStore store, Sessions sessions, ObjectProvider<Clock> clock) {
        return new SessionAdministration(store, sessions, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    UserAdministration userAdministration(JdbcClient jdbc, SessionStore store, Sessions sessions, UserMfa mfa,
                                          AuthPolicies policies, ObjectProvider<Clock> clock, ApplicationEventPublisher events,
                                          PlatformTransactionManager transactions) {
        return new UserAdministration(jdbc, store, sessions, mfa, policies, clock.getIfAvailable(Clock::systemUTC), events,
                new TransactionTemplate(transactions));
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

    /** One gate per node for every IMAP bind that checks a password: sign-in and re-authentication (ADR 0026). */
    @Bean
    BindGate bindGate(MailAuthenticator authenticator, ThrottleProperties throttling) {
        return new BindGate(authenticator, throttling.maxConcurrentBinds(), throttling.bindWait());
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

    @Bean
    SignIn signIn(MailServerDirectory directory, BindGate binds, SignInThrottle throttle, ThrottleProperties throttling, Users users,
                  UserMfa mfa, AuthPolicies policies, Sessions sessions, ApplicationEventPublisher events) {
        return new SignIn(directory, binds, throttle, throttling, users, mfa, policies, sessions, events);
    }

    /** Sudo mode (ADR 0026): how long a proof of identity inside a session lasts. */
    @Bean
    RecentAuthentication recentAuthentication(JdbcClient jdbc, UserMfa mfa, MailServerDirectory directory, BindGate binds,
                                              SignInThrottle throttle, ApplicationEventPublisher events, ObjectProvider<Clock> clock,
                                              @Value("${vaultmail.auth.reauthentication-window:5m}") Duration window) {
        return new RecentAuthentication(jdbc, mfa, directory, binds, throttle, window, events, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SessionCredentials sessionCredentials(SessionStore store, CredentialSeal seal, Vault vault, AuthPolicies policies,
                                          ObjectProvider<Clock> clock) {
        return new SessionCredentials(store, seal, vault, policies, clock.getIfAvailable(Clock::systemUTC));
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

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    SessionPurge sessionPurge(SignInThrottle throttle, Sessions sessions, PendingSignIns pending) {
        return new SessionPurge(throttle, sessions, pending);
    }

    /** Deletes old throttle counters, revoked and expired sessions (and stale refresh successors) and expired pending sign-ins. */
    static final class SessionPurge {
        private final SignInThrottle throttle;
        private final Sessions sessions;
        private final PendingSignIns pending;

        SessionPurge(SignInThrottle throttle, Sessions sessions, PendingSignIns pending) {
            this.throttle = throttle;
            this.sessions = sessions;
            this.pending = pending;
        }

        @Scheduled(fixedDelayString = "${vaultmail.auth.purge-interval:10m}", initialDelayString = "${vaultmail.auth.purge-interval:10m}")
        void purge() {
            throttle.purge();
            sessions.purge();
            pending.purge();
        }
    }
}

package org.vaultmail.auth;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.vault.Vault;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.signin.BindGate;
import org.vaultmail.auth.signin.SignInThrottle;

/** Wires sign-in, sessions and tokens; registers the sealed columns with key management. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    UserAdministration userAdministration(JdbcClient jdbc, SessionStore store, Sessions sessions, UserMfa mfa,
                                          AuthPolicies policies, ObjectProvider<Clock> clock, ApplicationEventPublisher events,
                                          PlatformTransactionManager transactions) {
        return new UserAdministration(jdbc, store, sessions, mfa, policies, clock.getIfAvailable(Clock::systemUTC), events,
                new TransactionTemplate(transactions));
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
}

package org.vaultmail.auth;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.vault.Vault;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.Sessions;

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

    @Bean
    SessionCredentials sessionCredentials(SessionStore store, CredentialSeal seal, Vault vault, AuthPolicies policies,
                                          ObjectProvider<Clock> clock) {
        return new SessionCredentials(store, seal, vault, policies, clock.getIfAvailable(Clock::systemUTC));
    }
}

package org.vaultmail.auth.users;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.Sessions;

/** Wires what the operator console may do with users. */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

    @Bean
    UserAdministration userAdministration(JdbcClient jdbc, SessionStore store, Sessions sessions, UserMfa mfa,
                                          AuthPolicies policies, ObjectProvider<Clock> clock, ApplicationEventPublisher events,
                                          PlatformTransactionManager transactions) {
        return new UserAdministration(jdbc, store, sessions, mfa, policies, clock.getIfAvailable(Clock::systemUTC), events,
                new TransactionTemplate(transactions));
    }
}

package org.vaultmail.auth.policy;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the stored sign-in and session policy over the configured defaults. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    AuthPolicies authPolicies(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, ObjectProvider<Clock> clock,
                              AuthProperties auth, ThrottleProperties throttling,
                              @Value("${vaultmail.admin.require-passkeys:false}") boolean requireOperatorPasskeys) {
        // the console's require-passkeys (ADR 0054) is a stored policy field too; the property is its default
        return new AuthPolicies(jdbc, tx, events, clock.getIfAvailable(Clock::systemUTC), auth, throttling, requireOperatorPasskeys);
    }
}

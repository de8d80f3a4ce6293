package org.vaultmail.gateway.policy;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayProperties;

/** The stored gateway policy over the configured defaults: the only {@code GatewayPolicies}. */
@Configuration(proxyBeanMethods = false)
class GatewayPolicyConfiguration {

    @Bean
    StoredGatewayPolicies storedGatewayPolicies(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events,
                                                ObjectProvider<Clock> clock, GatewayProperties properties) {
        return new StoredGatewayPolicies(jdbc, tx, events, clock.getIfAvailable(Clock::systemUTC), properties);
    }
}

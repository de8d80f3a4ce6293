package org.vaultmail.gateway.outbox;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxStore outboxStore(JdbcClient jdbc, Vault vault, ObjectProvider<Clock> clock) {
        return new OutboxStore(jdbc, vault, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SealedColumn outboxContentColumn() {
        return OutboxStore.CONTENT;
    }
}

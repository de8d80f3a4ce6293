package org.vaultmail.account;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** The per-user SMTP credentials store and its sealed column (covered by {@code keys status/rewrap/retire}). */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    @Bean
    SealedColumn smtpCredentialsColumn() {
        return SmtpCredentials.COLUMN;
    }

    @Bean
    SmtpCredentials smtpCredentials(JdbcClient jdbc, Vault vault, ObjectProvider<Clock> clock) {
        return new SmtpCredentials(jdbc, vault, clock.getIfAvailable(Clock::systemUTC));
    }
}

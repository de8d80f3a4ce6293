package org.vaultmail.auth.mfa;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Wires users' MFA and registers the sealed TOTP secret column with key management. */
@Configuration(proxyBeanMethods = false)
class MfaConfiguration {

    @Bean
    SealedColumn userTotpSecretColumn() {
        return MfaStore.SECRET_COLUMN;
    }

    @Bean
    UserMfa userMfa(JdbcClient jdbc, Vault vault, ApplicationEventPublisher events, TransactionTemplate tx,
                    ObjectProvider<Clock> clock) {
        return new UserMfa(new MfaStore(jdbc), vault, events, tx, clock.getIfAvailable(Clock::systemUTC));
    }
}

package org.vaultmail.admin.operators;

import java.time.Clock;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Operator accounts: the password encoder, the store, the authenticator, and the sealed TOTP column. */
@Configuration(proxyBeanMethods = false)
class OperatorsConfiguration {

    /** OWASP's Argon2id minimum: 19 MiB, 2 iterations, 1 lane (Spring's v5.8 defaults use only 16 MiB). */
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;

    @Bean
    SealedColumn operatorTotpSecretColumn() {
        return Operators.TOTP_COLUMN;
    }

    /** {@code {argon2}…} hashes; the id prefix lets a later release change the algorithm (STYLE #5). */
    static PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS)));
    }

    @Bean
    Operators operators(JdbcClient jdbc, Vault vault, ObjectProvider<Clock> clock) {
        return new Operators(jdbc, vault, passwordEncoder(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    OperatorAuthenticator operatorAuthenticator(Operators operators, Vault vault, ObjectProvider<Clock> clock,
                                                ApplicationEventPublisher events) {
        return new OperatorAuthenticator(operators, vault, passwordEncoder(), clock.getIfAvailable(Clock::systemUTC), events);
    }
}

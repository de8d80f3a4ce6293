package org.vaultmail.auth.passkeys;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires operators' passkeys (ADR 0054): the same relying party settings, tables and ceremony store as users'. */
@Configuration(proxyBeanMethods = false)
class OperatorPasskeyConfiguration {

    @Bean
    OperatorPasskeys operatorPasskeys(JdbcTemplate jdbcTemplate, JdbcClient jdbc, PasskeyProperties properties, Environment environment,
                                      TransactionTemplate tx, ObjectProvider<Clock> clock) {
        RelyingParty rp = new RelyingParty(new JdbcPublicKeyCredentialUserEntityRepository(jdbcTemplate),
                new JdbcUserCredentialRepository(jdbcTemplate), properties, environment, jdbc);
        return new OperatorPasskeys(rp, new PasskeyCeremonies(jdbc, clock.getIfAvailable(Clock::systemUTC)), tx);
    }
}

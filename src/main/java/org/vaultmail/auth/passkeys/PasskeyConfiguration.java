package org.vaultmail.auth.passkeys;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Wires passkeys (ADR 0048): Spring Security's JDBC repositories and relying party, the ceremony store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasskeyProperties.class)
class PasskeyConfiguration {

    @Bean
    Passkeys passkeys(JdbcTemplate jdbcTemplate, JdbcClient jdbc, PasskeyProperties properties, Environment environment,
                      ApplicationEventPublisher events, TransactionTemplate tx, ObjectProvider<Clock> clock) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        RelyingParty rp = new RelyingParty(new JdbcPublicKeyCredentialUserEntityRepository(jdbcTemplate),
                new JdbcUserCredentialRepository(jdbcTemplate), properties, environment, jdbc);
        return new Passkeys(rp, new PasskeyCeremonies(jdbc, c), events, tx, c);
    }

    /** The sealed passwords of passkey sign-in: key management's status, rewrap and retire cover them (ADR 0051). */
    @Bean
    SealedColumn passkeyUnlockColumn() {
        return UnlockSeal.COLUMN;
    }

    @Bean
    PasskeySignInPolicy passkeySignInPolicy(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        return new PasskeySignInPolicy(jdbc, events, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PasskeyUnlock passkeyUnlock(Passkeys passkeys, Vault vault, PasskeySignInPolicy policy, JdbcClient jdbc,
                                ApplicationEventPublisher events, TransactionTemplate tx, ObjectProvider<Clock> clock) {
        return new PasskeyUnlock(passkeys, new UnlockSeal(vault), policy, jdbc, events, tx, clock.getIfAvailable(Clock::systemUTC));
    }

    /** A passkey as a proof of identity in sudo mode, and the list for the MFA API (ADR 0048 amendment). */
    @Bean
    PasskeyProofsAdapter passkeyProofs(Passkeys passkeys) {
        return new PasskeyProofsAdapter(passkeys);
    }
}

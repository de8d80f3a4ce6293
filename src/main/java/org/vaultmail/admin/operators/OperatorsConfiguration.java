package org.vaultmail.admin.operators;

import java.time.Clock;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.passkeys.OperatorPasskeys;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.signin.ClientKeys;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;
import org.vaultmail.web.ChainProblems;

/** Operator accounts: the password encoder, the store, the authenticator with its throttle, gate and audit, and the sealed TOTP column. */
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
    OperatorSignInThrottle operatorSignInThrottle(JdbcClient jdbc, OperatorSignInProperties properties, ObjectProvider<Clock> clock,
                                                  PlatformTransactionManager transactions, ClientKeys clients) {
        return new OperatorSignInThrottle(jdbc, properties, clock.getIfAvailable(Clock::systemUTC), new TransactionTemplate(transactions),
                clients);
    }

    /** Closed (its threads stopped) with the context. */
    @Bean
    Argon2Gate operatorArgon2Gate(OperatorSignInProperties properties) {
        return new Argon2Gate(properties.argon2Threads(), properties.argon2Queue(), properties.argon2Wait());
    }

    /** After the path, proxy and parameter checks (it reads no parameter), before Spring Security. */
    @Bean
    FilterRegistrationBean<OperatorSignInAdmissionFilter> operatorSignInAdmissionFilter(OperatorSignInProperties properties,
                                                                                        OperatorSignInAudit audit,
                                                                                        MessageSource messages,
                                                                                        ChainProblems problems) {
        // the application's resolver (Accept-Language: no one is signed in yet)
        FilterRegistrationBean<OperatorSignInAdmissionFilter> registration = new FilterRegistrationBean<>(
                new OperatorSignInAdmissionFilter(properties.argon2Threads() + properties.argon2Queue(), audit, messages,
                        problems::locale));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    /** Closed with the context, writing the counts still held. */
    @Bean
    OperatorSignInAudit operatorSignInAudit(ApplicationEventPublisher events, ObjectProvider<Clock> clock,
                                            OperatorSignInProperties properties) {
        return new OperatorSignInAudit(events, clock.getIfAvailable(Clock::systemUTC), properties.auditWindow(),
                properties.auditMaxKeys());
    }

    @Bean
    OperatorAuthenticator operatorAuthenticator(Operators operators, Vault vault, ObjectProvider<Clock> clock,
                                                ApplicationEventPublisher events, OperatorSignInThrottle throttle,
                                                Argon2Gate gate, OperatorSignInAudit audit, OperatorPasskeys passkeys,
                                                OperatorPasskeyPolicy policy) {
        return new OperatorAuthenticator(operators, vault, passwordEncoder(), clock.getIfAvailable(Clock::systemUTC), events,
                throttle, gate, audit, name -> policy.required() && passkeys.registered(name));
    }

    @Bean
    OperatorPasskeyPolicy operatorPasskeyPolicy(AuthPolicies policies) {
        return new OperatorPasskeyPolicy(policies);
    }

    @Bean
    OperatorPasskeySignIn operatorPasskeySignIn(OperatorAuthenticator authenticator, OperatorSignInThrottle throttle, Argon2Gate gate,
                                                OperatorSignInAudit audit, OperatorPasskeys passkeys, ApplicationEventPublisher events,
                                                ObjectProvider<Clock> clock) {
        return new OperatorPasskeySignIn(authenticator, throttle, gate, audit, passkeys, events, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    OperatorProofs operatorProofs(OperatorAuthenticator authenticator, Operators operators, OperatorSignInThrottle throttle,
                                  OperatorPasskeys passkeys, ApplicationEventPublisher events) {
        return new OperatorProofs(authenticator, operators, throttle, passkeys, events);
    }

    @Bean
    OperatorPasskeyChanges operatorPasskeyChanges(OperatorPasskeys passkeys, ApplicationEventPublisher events) {
        return new OperatorPasskeyChanges(passkeys, events);
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    CounterPurge operatorSignInCounterPurge(OperatorSignInThrottle throttle) {
        return new CounterPurge(throttle);
    }

    /** Deletes operator sign-in counters past their reset period (users' counters go with the session purge). */
    static final class CounterPurge {
        private final OperatorSignInThrottle throttle;

        CounterPurge(OperatorSignInThrottle throttle) {
            this.throttle = throttle;
        }

        @Scheduled(fixedDelayString = "${vaultmail.auth.purge-interval:10m}", initialDelayString = "${vaultmail.auth.purge-interval:10m}")
        void purge() {
            throttle.purge();
        }
    }
}

package org.vaultmail.auth.smtp;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.mail.SmtpLoginCheck;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** The per-user SMTP credentials store, its sealed column (covered by {@code keys status/rewrap/retire}) and the settings. */
@Configuration(proxyBeanMethods = false)
class SmtpConfiguration {

    @Bean
    SealedColumn smtpCredentialsColumn() {
        return SmtpCredentials.COLUMN;
    }

    @Bean
    SmtpCredentials smtpCredentials(JdbcClient jdbc, Vault vault, ObjectProvider<Clock> clock) {
        return new SmtpCredentials(jdbc, vault, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SmtpSettings smtpSettings(SmtpCredentials store, SessionCredentials credentials, MailServerDirectory directory,
                              SmtpLoginCheck check, ApplicationEventPublisher events, AuthPolicies policies) {
        return new SmtpSettings(store, credentials, directory, check, events, () -> policies.current().smtpTestsPerHour());
    }
}

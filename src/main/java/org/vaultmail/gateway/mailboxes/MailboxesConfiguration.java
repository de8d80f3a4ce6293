package org.vaultmail.gateway.mailboxes;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.mail.MailAuthenticator;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.mail.SmtpLoginCheck;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthTokens;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Connected mailboxes (ADR 0035): the sealed column (so {@code keys status/rewrap/retire} cover it), the outbox's view, the settings. */
@Configuration(proxyBeanMethods = false)
class MailboxesConfiguration {

    @Bean
    SealedColumn connectedMailboxCredentialsColumn() {
        return MailboxCredentials.COLUMN;
    }

    @Bean
    MailboxRows mailboxRows(JdbcClient jdbc) {
        return new MailboxRows(jdbc);
    }

    @Bean
    MailboxCredentials mailboxCredentials(Vault vault) {
        return new MailboxCredentials(vault);
    }

    @Bean
    MailboxEvents mailboxEvents(ApplicationEventPublisher publisher, ObjectProvider<Clock> clock) {
        return new MailboxEvents(publisher, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The oauth module, looked up lazily: without its beans only password mailboxes exist (ADR 0044). */
    @Bean
    OAuthMailboxes oauthMailboxes(ObjectProvider<OAuthProviders> providers, ObjectProvider<OAuthGrants> grants) {
        return new OAuthMailboxes(providers, grants);
    }

    @Bean
    ConnectedMailboxes connectedMailboxes(MailboxRows rows, MailboxCredentials credentials, MailServerDirectory directory,
                                          MailLogins logins, MailboxEvents events, PlatformTransactionManager transactions,
                                          ObjectProvider<Clock> clock, OAuthMailboxes oauth) {
        return new SealedMailboxes(rows, credentials, directory, logins, events, new TransactionTemplate(transactions),
                clock.getIfAvailable(Clock::systemUTC), oauth);
    }

    @Bean
    OAuthMailboxSettings oauthMailboxSettings(MailboxRows rows, OAuthMailboxes oauth, GatewayPolicies policies,
                                              MailboxEvents events, ApplicationEventPublisher publisher, JdbcClient jdbc,
                                              PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        return new OAuthMailboxSettings(rows, oauth, policies, events, publisher, jdbc, new TransactionTemplate(transactions),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** Finishes the {@code mailbox-connect} OAuth flow (the oauth module's callback finds it by {@link OAuthCallbackHandler#flow()}). */
    @Bean
    OAuthCallbackHandler mailboxConnectFlow(OAuthMailboxSettings settings, MailboxRows rows, ObjectProvider<OAuthTokens> tokens) {
        return new MailboxConnectFlow(settings, rows, tokens);
    }

    @Bean
    MailboxLoginTest mailboxLoginTest(SmtpLoginCheck smtp, MailAuthenticator imap, AuthPolicies policies, ObjectProvider<Clock> clock) {
        return new MailboxLoginTest(smtp, imap, () -> policies.current().smtpTestsPerHour(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    MailboxSettings mailboxSettings(MailboxRows rows, MailboxCredentials credentials, MailboxLoginTest loginTest,
                                    MailServerDirectory directory, GatewayPolicies policies, MailboxEvents events,
                                    ApplicationEventPublisher publisher, JdbcClient jdbc, PlatformTransactionManager transactions,
                                    ObjectProvider<Clock> clock, OAuthMailboxes oauth) {
        return new MailboxSettings(rows, credentials, loginTest, directory, policies, events, publisher, jdbc,
                new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC), oauth);
    }

    /** Only the demo's start-up connects a mailbox without a signed-in session; no such bean anywhere else. */
    @Bean
    @Profile("demo")
    TrustedMailboxConnections trustedMailboxConnections(MailboxSettings settings, MailboxRows rows) {
        return new TrustedMailboxConnections(settings, rows);
    }

    @Bean
    OperatorMailboxes operatorMailboxes(MailboxRows rows, MailboxEvents events, PlatformTransactionManager transactions,
                                        ObjectProvider<Clock> clock) {
        return new OperatorMailboxes(rows, events, new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC));
    }
}

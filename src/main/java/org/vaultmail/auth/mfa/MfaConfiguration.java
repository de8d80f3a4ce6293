package org.vaultmail.auth.mfa;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.signin.BindGate;
import org.vaultmail.auth.signin.SignInThrottle;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Wires users' MFA and sudo mode; registers the sealed TOTP secret column with key management. */
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

    /** Sudo mode (ADR 0026): how long a proof of identity inside a session lasts. */
    @Bean
    RecentAuthentication recentAuthentication(JdbcClient jdbc, UserMfa mfa, MailServerDirectory directory, BindGate binds,
                                              SignInThrottle throttle, ApplicationEventPublisher events, ObjectProvider<Clock> clock,
                                              @Value("${vaultmail.auth.reauthentication-window:5m}") Duration window,
                                              ObjectProvider<PasskeyProofs> passkeys) {
        return new RecentAuthentication(jdbc, mfa, directory, binds, throttle, window, events, clock.getIfAvailable(Clock::systemUTC),
                passkeys::getIfAvailable);
    }

    /** Finishes re-authentications at an OAuth provider (ADR 0047). */
    @Bean
    OAuthCallbackHandler providerReauthenticationCallback(RecentAuthentication recent) {
        return new ProviderReauthenticationCallback(recent);
    }

    @Bean
    ProviderReauthenticationPage providerReauthenticationPage(RecentAuthentication recent, ObjectProvider<OAuthProviders> providers) {
        return new ProviderReauthenticationPage(recent, providers);
    }

    /** Sign-in or sudo-mode freshness for creating credentials (API keys); the same window as sudo mode. */
    @Bean
    FreshAuthentication freshAuthentication(JdbcClient jdbc, UserMfa mfa, RecentAuthentication recent, ObjectProvider<Clock> clock) {
        return new FreshAuthentication(jdbc, mfa, recent, clock.getIfAvailable(Clock::systemUTC));
    }
}

package org.vaultmail.auth.signin;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.passkeys.PasskeyUnlock;
import org.vaultmail.auth.passkeys.Passkeys;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.ThrottleProperties;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.Users;
import org.vaultmail.mail.MailAuthenticator;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Wires sign-in: the throttle, the bind gate, client keys, pending second steps; purges what they leave behind. */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {
    @Bean
    SealedColumn pendingSignInCredentialsColumn() {
        return PendingSignIns.COLUMN;
    }

    @Bean
    PendingSignIns pendingSignIns(JdbcClient jdbc, Vault vault, Sessions sessions, UserMfa mfa, Passkeys passkeys, SignInThrottle throttle,
                                  ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        return new PendingSignIns(jdbc, new CredentialSeal(vault, PendingSignIns.COLUMN), sessions, mfa, passkeys, throttle, events,
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** Sign-in with a passkey alone (ADR 0051), under the same throttle and bind gate as a password. */
    @Bean
    PasskeySignIn passkeySignIn(PasskeyUnlock unlock, SignInThrottle throttle, MailServerDirectory directory, BindGate binds,
                                Sessions sessions, ApplicationEventPublisher events) {
        return new PasskeySignIn(unlock, throttle, directory, binds, sessions, events);
    }

    @Bean
    ClientKeys clientKeys(ThrottleProperties throttling) {
        return new ClientKeys(throttling.ipv6PrefixLength());
    }

    @Bean
    SignInThrottle signInThrottle(JdbcClient jdbc, AuthPolicies policies, TransactionTemplate tx, ClientKeys clients,
                                  ObjectProvider<Clock> clock) {
        return new SignInThrottle(jdbc, policies::current, clock.getIfAvailable(Clock::systemUTC), tx, clients);
    }

    /** One gate per node for every IMAP bind that checks a password: sign-in and re-authentication (ADR 0026). */
    @Bean
    BindGate bindGate(MailAuthenticator authenticator, ThrottleProperties throttling) {
        return new BindGate(authenticator, throttling.maxConcurrentBinds(), throttling.bindWait());
    }

    @Bean
    SignIn signIn(MailServerDirectory directory, BindGate binds, SignInThrottle throttle, ThrottleProperties throttling, Users users,
                  UserMfa mfa, Passkeys passkeys, AuthPolicies policies, Sessions sessions, ApplicationEventPublisher events,
                  OAuthSignInPage oauth) {
        return new SignIn(directory, binds, throttle, throttling, users, mfa, passkeys, policies, sessions, events, oauth::forDomain);
    }

    /** The OAuth side of the sign-in page (ADR 0045); without the OAuth module's providers, no OAuth domain exists. */
    @Bean
    OAuthSignInPage oauthSignInPage(ObjectProvider<OAuthProviders> providers) {
        return new OAuthSignInPage(providers::getIfAvailable);
    }

    @Bean
    OAuthSignIn oauthSignIn(MailServerDirectory directory, MailLogins logins, SignInThrottle throttle, Users users, UserMfa mfa,
                            Passkeys passkeys, Sessions sessions, PendingSignIns pending, ApplicationEventPublisher events) {
        return new OAuthSignIn(directory, logins, throttle, users, (id, address) -> mfa.enrolled(id) || passkeys.registered(address),
                sessions, pending, events);
    }

    /** Finishes the OAuth module's {@code signin} flows. */
    @Bean
    OAuthCallbackHandler oauthSignInCallback(OAuthSignIn signIn, AuthPolicies policies) {
        return new OAuthSignInCallback(signIn, policies);
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    SessionPurge sessionPurge(SignInThrottle throttle, Sessions sessions, PendingSignIns pending) {
        return new SessionPurge(throttle, sessions, pending);
    }

    /** Sign-in and refresh request rates per client address; after the trusted-proxy filter, before Spring Security. */
    @Bean
    FilterRegistrationBean<SignInRateLimitFilter> signInRateLimitFilter(AuthPolicies policies, ClientKeys clients) {
        FilterRegistrationBean<SignInRateLimitFilter> registration =
                new FilterRegistrationBean<>(new SignInRateLimitFilter(() -> policies.current().requestsPerMinute(), clients));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Deletes old throttle counters, revoked and expired sessions (and stale refresh successors) and expired pending sign-ins. */
    static final class SessionPurge {
        private final SignInThrottle throttle;
        private final Sessions sessions;
        private final PendingSignIns pending;

        SessionPurge(SignInThrottle throttle, Sessions sessions, PendingSignIns pending) {
            this.throttle = throttle;
            this.sessions = sessions;
            this.pending = pending;
        }

        @Scheduled(fixedDelayString = "${vaultmail.auth.purge-interval:10m}", initialDelayString = "${vaultmail.auth.purge-interval:10m}")
        void purge() {
            throttle.purge();
            sessions.purge();
            pending.purge();
        }
    }
}

package org.vaultmail.auth.signin;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.OAuthSubject;
import org.vaultmail.auth.session.SessionOAuthTokens;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.Users;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.vault.Secret;

/**
 * Sign-in of an OAuth domain's user after the provider's authorization code flow (ADR 0045): the ID token's address
 * must be of one of the provider's domains, an IMAP login with SASL XOAUTH2 proves the token opens the mailbox, then
 * the same steps as a password sign-in: the throttle's reservation (a locked-out account or client waits here too),
 * the second factor when enrolled, a session from {@link Sessions#openOAuth}, the same audit events.
 */
final class OAuthSignIn {

    private static final Logger log = LoggerFactory.getLogger(OAuthSignIn.class);

    /** The outcome: a session, a second step owed (the pending cookie), or a refusal (a message key). */
    sealed interface Result {
        record SignedIn(Issued issued) implements Result {
        }

        record SecondStep(String pendingCookie) implements Result {
        }

        record Refused(String messageKey) implements Result {
        }
    }

    static final String WRONG_ACCOUNT = "signin.oauth.error.wrongAccount";
    static final String MAIL_REFUSED = "signin.oauth.error.mailRefused";
    static final String UNREACHABLE = "signin.oauth.error.unreachable";
    static final String LOCKED = "signin.oauth.error.locked";
    static final String UNVERIFIED = "signin.oauth.error.unverified";

    private final MailServerDirectory directory;
    private final MailLogins logins;
    private final SignInThrottle throttle;
    private final Users users;
    /** Whether the account (id, address) has a second factor: TOTP or a passkey. */
    private final java.util.function.BiPredicate<Long, String> secondFactor;
    private final Sessions sessions;
    private final PendingSignIns pending;
    private final ApplicationEventPublisher events;

    OAuthSignIn(MailServerDirectory directory, MailLogins logins, SignInThrottle throttle, Users users, java.util.function.BiPredicate<Long, String> secondFactor,
                Sessions sessions, PendingSignIns pending, ApplicationEventPublisher events) {
        this.directory = directory;
        this.logins = logins;
        this.throttle = throttle;
        this.users = users;
        this.secondFactor = secondFactor;
        this.sessions = sessions;
        this.pending = pending;
        this.events = events;
    }

    /** Finishes the sign-in of {@code authorization} (which the caller closes). */
    Result signIn(CompletedAuthorization authorization, boolean remember, Sessions.Client client) {
        OAuthProvider provider = authorization.provider();
        String address = Users.normalize(authorization.email());
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
        Optional<MailServers> servers = directory.forAddress(address);
        // the ID token's address, not anything the browser said, decides the account; it must be the provider's domain
        if (authorization.purpose() != OAuthPurpose.MAIL || !provider.signsIn(domain) || servers.isEmpty()) {
            events.publishEvent(new SignInFailed(address, SignInFailed.Reason.UNKNOWN_DOMAIN, client.address(), client.userAgent()));
            return new Result.Refused(WRONG_ACCOUNT);
        }
        // an address the provider does not vouch for is no identity: at Microsoft any tenant's administrator can set
        // any "email" (ADR 0045 amendment); refused before the throttle, like a foreign domain (nothing was tried)
        if (!authorization.emailVerified() || authorization.issuer().isBlank() || authorization.subject() == null
                || authorization.subject().isBlank()) {
            events.publishEvent(new SignInFailed(address, SignInFailed.Reason.UNVERIFIED_EMAIL, client.address(), client.userAgent()));
            return new Result.Refused(UNVERIFIED);
        }
        OAuthSubject subject = new OAuthSubject(authorization.issuer(), authorization.subject());
        Optional<SignInThrottle.Attempt> reserved = throttle.reserve(address, client.address());
        if (reserved.isEmpty()) {
            events.publishEvent(new SignInFailed(address, SignInFailed.Reason.LOCKED_OUT, client.address(), client.userAgent()));
            return new Result.Refused(LOCKED);
        }
        TokenSet tokens = authorization.tokens();
        try (SignInThrottle.Attempt attempt = reserved.get()) {
            try {
                // logged in with the token: the mailbox accepts it (the scope is right, the account is this one)
                logins.openImapWithToken(servers.get(), address, tokens.accessToken(), 1).close();
            } catch (AuthenticationFailedException e) {
                events.publishEvent(new SignInFailed(address, SignInFailed.Reason.WRONG_CREDENTIALS, client.address(), client.userAgent()));
                attempt.failed().forEach(events::publishEvent);
                return new Result.Refused(MAIL_REFUSED);
            } catch (MessagingException | RuntimeException e) { // released: it says nothing about the account
                log.info("OAuth sign-in of {}: the IMAP server could not be reached ({})", address, e.getClass().getSimpleName());
                events.publishEvent(new SignInFailed(address, SignInFailed.Reason.SERVER_UNREACHABLE, client.address(), client.userAgent()));
                return new Result.Refused(UNREACHABLE);
            }
            try (SessionOAuthTokens held = held(provider, tokens)) {
                Optional<Long> existing = users.idOf(address);
                if (existing.isPresent() && secondFactor.test(existing.get(), address)) {
                    // released, not a success: the provider's sign-in alone must not clear the account's counter
                    return new Result.SecondStep(pending.createOAuth(existing.get(), address, held, subject, remember));
                }
                attempt.succeeded();
                return new Result.SignedIn(sessions.openOAuth(address, held, subject, remember, client));
            }
        }
    }

    /** The session's copy of the tokens (the authorization is closed by the callback when this returns). */
    private static SessionOAuthTokens held(OAuthProvider provider, TokenSet tokens) {
        Secret refresh = tokens.refreshToken();
        return new SessionOAuthTokens(provider.id(), refresh == null ? null : copy(refresh), copy(tokens.accessToken()),
                tokens.expiresAt());
    }

    private static Secret copy(Secret secret) {
        byte[] bytes = secret.revealBytes();
        try {
            return Secret.copyOf(bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }
}

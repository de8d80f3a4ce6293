package org.vaultmail.auth;

import java.time.Clock;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.CredentialPayload;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.Randoms;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.SessionTokenRefresh;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.mail.CredentialSource;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Opens the mail credentials of the current session, for the mail connection pool: use
 * {@link #imapSource} (a password, or for a session of an OAuth domain a current access token, ADR 0045) or
 * {@code try (Secret pw = credentials.imapPassword(session)) { … }}. Needs the client's unseal
 * secret (cookie or API token); without it there is nothing to open (G2).
 */
public final class SessionCredentials {

    private final SessionStore store;
    private final CredentialSeal seal;
    private final Vault vault;

    private final AuthPolicies policies;
    private final SessionTokenRefresh oauth;
    private final Clock clock;

    SessionCredentials(SessionStore store, CredentialSeal seal, Vault vault, AuthPolicies policies, SessionTokenRefresh oauth,
                       Clock clock) {
        this.policies = policies;
        this.oauth = oauth;
        this.clock = clock;
        this.store = store;
        this.seal = seal;
        this.vault = vault;
    }

    /**
     * The IMAP password of {@code session}; throws {@link VaultException} when it cannot be opened, or when the session
     * signed in with OAuth (it has no password: use {@link #imapSource}).
     */
    public Secret imapPassword(AuthenticatedSession session) {
        CredentialPayload payload = open(session);
        if (payload.oauth() != null) {
            payload.close();
            throw new VaultException("session " + session.sessionId() + " signed in with OAuth and holds no password");
        }
        if (payload.smtp() != null) payload.smtp().close();
        return payload.imapPassword();
    }

    /**
     * What the mail pool and the push watch log in with: the IMAP password, or for an OAuth session a current access
     * token (SASL XOAUTH2), refreshed when it expires or a server refused it (ADR 0045). Nothing is opened until a
     * connection is.
     */
    public CredentialSource imapSource(AuthenticatedSession session) {
        return new CredentialSource() {
            private @Nullable Boolean oauthSession;

            @Override
            public Secret open() {
                return mechanism() == Mechanism.XOAUTH2 ? accessToken(session) : imapPassword(session);
            }

            @Override
            public Mechanism mechanism() {
                if (oauthSession == null) oauthSession = store.oauthProvider(session.sessionId()).isPresent();
                return oauthSession ? Mechanism.XOAUTH2 : Mechanism.PASSWORD;
            }

            @Override
            public void refused() {
                if (mechanism() != Mechanism.XOAUTH2) return;
                byte[] unseal = unsealSecret(session);
                try {
                    oauth.refused(row(session), unseal);
                } finally {
                    java.util.Arrays.fill(unseal, (byte) 0);
                }
            }
        };
    }

    /** Whether {@code session} signed in with OAuth (its provider's id), without opening anything. */
    public java.util.Optional<String> oauthProvider(AuthenticatedSession session) {
        return store.oauthProvider(session.sessionId());
    }

    /**
     * Sign-out of an OAuth session: revokes its refresh token at the provider where it can, and deletes the sealed
     * tokens; does nothing for a password session or when the tokens cannot be opened (another client's session).
     */
    public void forgetOAuthTokens(AuthenticatedSession session) {
        if (store.oauthProvider(session.sessionId()).isEmpty()) return;
        byte[] unseal;
        try {
            unseal = unsealSecret(session);
        } catch (VaultException e) {
            return;
        }
        try {
            oauth.forget(row(session), unseal);
        } catch (VaultException e) {
            // ended already or not openable with this secret: nothing to revoke from here
        } finally {
            java.util.Arrays.fill(unseal, (byte) 0);
        }
    }

    /**
     * The SMTP login of {@code session}: the stored SMTP credentials that sign-in opened into the session,
     * or else the IMAP login (address and password); for an OAuth session the address and a current access token
     * (SASL XOAUTH2). Close it when done.
     */
    public SmtpLogin smtpLogin(AuthenticatedSession session) {
        CredentialPayload payload = open(session);
        if (payload.oauth() != null) {
            payload.close();
            return SmtpLogin.xoauth2(session.address(), accessToken(session));
        }
        SmtpLogin smtp = payload.smtp();
        if (smtp != null) {
            payload.imapPassword().close();
            return smtp;
        }
        return new SmtpLogin(session.address(), payload.imapPassword());
    }

    /** Re-seals this session's credentials with a new SMTP login (or none), keeping the IMAP password; for {@code auth.smtp}. */
    public void replaceSmtpLogin(AuthenticatedSession session, @Nullable SmtpLogin smtp) {
        byte[] unseal = unsealSecret(session);
        try (CredentialPayload current = open(session);
             Secret payload = CredentialPayload.encode(current.imapPassword(), smtp)) {
            store.updateCredentials(session.sessionId(), seal.seal(session.sessionId(), session.userId(), unseal, payload));
        } finally {
            java.util.Arrays.fill(unseal, (byte) 0);
        }
    }

    private Secret accessToken(AuthenticatedSession session) {
        SessionStore.Row row = row(session);
        byte[] unseal = unsealSecret(session);
        try {
            return oauth.accessToken(row, unseal);
        } finally {
            java.util.Arrays.fill(unseal, (byte) 0);
        }
    }

    private SessionStore.Row row(AuthenticatedSession session) {
        return store.find(session.sessionId())
                // revoked or expired (also under a policy that shortened the limits): nothing opens, even to reconnect
                .filter(r -> r.userId() == session.userId() && r.allowedBy(policies.current(), clock.instant()))
                .orElseThrow(() -> new VaultException("session " + session.sessionId() + " has ended"));
    }

    private CredentialPayload open(AuthenticatedSession session) {
        SessionStore.Row row = row(session);
        byte[] unseal = unsealSecret(session);
        try (Secret payload = seal.open(row.id(), row.userId(), unseal, row.credentials())) {
            return CredentialPayload.decode(payload);
        } finally {
            java.util.Arrays.fill(unseal, (byte) 0);
        }
    }

    private byte[] unsealSecret(AuthenticatedSession session) {
        if (session.unsealCookie() != null) {
            byte[] b = Randoms.parse(session.unsealCookie(), CredentialSeal.UNSEAL_SECRET_BYTES);
            if (b != null) return b;
        }
        if (session.sealedUnseal() != null) {
            byte[] sealed;
            try {
                sealed = Base64.getUrlDecoder().decode(session.sealedUnseal());
            } catch (IllegalArgumentException e) {
                throw new VaultException("the access token's unseal secret is malformed");
            }
            try (Secret s = vault.unseal(Purpose.SESSION, Sessions.unsealLocation(session.sessionId(), session.userId()), sealed)) {
                return s.revealBytes();
            }
        }
        throw new VaultException("session " + session.sessionId() + ": this request carries no unseal secret");
    }
}

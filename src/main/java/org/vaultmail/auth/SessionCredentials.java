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
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Opens the mail credentials of the current session, for the mail connection pool: use as
 * {@code try (Secret pw = credentials.imapPassword(session)) { … }}. Needs the client's unseal
 * secret (cookie or API token); without it there is nothing to open (G2).
 */
public final class SessionCredentials {

    private final SessionStore store;
    private final CredentialSeal seal;
    private final Vault vault;

    private final AuthPolicies policies;
    private final Clock clock;

    SessionCredentials(SessionStore store, CredentialSeal seal, Vault vault, AuthPolicies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
        this.store = store;
        this.seal = seal;
        this.vault = vault;
    }

    /** The IMAP password of {@code session}; throws {@link VaultException} when it cannot be opened. */
    public Secret imapPassword(AuthenticatedSession session) {
        CredentialPayload payload = open(session);
        if (payload.smtp() != null) payload.smtp().close();
        return payload.imapPassword();
    }

    /**
     * The SMTP login of {@code session}: the stored SMTP credentials that sign-in opened into the session,
     * or else the IMAP login (address and password). Close it when done.
     */
    public SmtpLogin smtpLogin(AuthenticatedSession session) {
        CredentialPayload payload = open(session);
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

    private CredentialPayload open(AuthenticatedSession session) {
        SessionStore.Row row = store.find(session.sessionId())
                // revoked or expired (also under a policy that shortened the limits): nothing opens, even to reconnect
                .filter(r -> r.userId() == session.userId() && r.allowedBy(policies.current(), clock.instant()))
                .orElseThrow(() -> new VaultException("session " + session.sessionId() + " has ended"));
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

package org.vaultmail.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.oauth.OAuthGrantEvent;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthTokens;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/**
 * The access token of an OAuth session (ADR 0045): handed out while it has more than a minute left; else refreshed
 * with {@link OAuthTokens#refresh} under the session row's lock (one token request per expiry across all nodes, one
 * waiting thread per session on this node), and the session's credentials re-sealed with the new access token and a
 * rotated refresh token in the same transaction. A provider that no longer honours the grant ends the session.
 */
public final class SessionTokenRefresh {

    private static final Logger log = LoggerFactory.getLogger(SessionTokenRefresh.class);
    static final Duration EARLY = Duration.ofMinutes(1);
    private static final int LOCKS = 64;

    private final SessionStore store;
    private final CredentialSeal seal;
    private final Supplier<@Nullable OAuthTokens> tokens;
    private final Sessions sessions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];
    /** Sessions whose current access token a mail server refused: its expiry, so only that token is replaced. */
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();

    SessionTokenRefresh(SessionStore store, CredentialSeal seal, Supplier<@Nullable OAuthTokens> tokens, Sessions sessions,
                        ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.seal = seal;
        this.tokens = tokens;
        this.sessions = sessions;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        for (int i = 0; i < LOCKS; i++) locks[i] = new ReentrantLock();
    }

    /**
     * A current access token of the OAuth session {@code row} (opened with {@code unseal}); the caller closes it.
     *
     * @throws VaultException        the session ended (also when the provider refused the refresh: it is revoked)
     * @throws MailStoreException    {@code UNAVAILABLE}: the provider's token endpoint could not be reached
     */
    public Secret accessToken(SessionStore.Row row, byte[] unseal) {
        try (CredentialPayload payload = open(row.id(), row.userId(), unseal, row.credentials())) {
            SessionOAuthTokens current = oauth(payload);
            if (usable(row.id(), current)) return copy(current.accessToken());
        }
        ReentrantLock lock = locks[Math.floorMod(row.id().hashCode(), LOCKS)];
        lock.lock();
        String[] provider = {"?"};
        try {
            return tx.execute(status -> refreshLocked(row, unseal, provider));
        } catch (OAuthReauthRequiredException e) {
            log.info("OAuth session {} of user {}: {} refused to refresh its tokens; the session ends", row.id(),
                    row.userId(), provider[0]);
            sessions.revoke(row.userId(), row.id(), SessionRevoked.Reason.OAUTH_GRANT_ENDED);
            events.publishEvent(new OAuthGrantEvent(OAuthGrantEvent.Type.NEEDS_REAUTH, provider[0], OAuthPurpose.MAIL,
                    row.userId(), null, row.address(), "invalid_grant"));
            throw new VaultException("the sign-in at " + provider[0] + " is no longer valid; sign in again");
        } catch (OAuthUnavailableException e) {
            events.publishEvent(new OAuthGrantEvent(OAuthGrantEvent.Type.REFRESH_FAILED, provider[0], OAuthPurpose.MAIL,
                    row.userId(), null, row.address(), "unavailable"));
            throw new MailStoreException(MailStoreException.Reason.UNAVAILABLE,
                    "Your sign-in provider could not be reached to renew access to your mailbox; try again in a moment.");
        } finally {
            lock.unlock();
        }
    }

    /** A mail server refused the session's current access token: the next {@link #accessToken} refreshes. */
    public void refused(SessionStore.Row row, byte[] unseal) {
        try (CredentialPayload payload = open(row.id(), row.userId(), unseal, row.credentials())) {
            SessionOAuthTokens current = payload.oauth();
            if (current == null) return;
            if (refused.size() > 10_000) refused.clear(); // entries of sessions that ended unrefreshed: only a hint
            refused.put(row.id(), current.expiresAt());
        }
    }

    /**
     * Sign-out of an OAuth session: revokes its refresh token at the provider where it has an endpoint, then replaces
     * the sealed tokens by nothing (the row is revoked right after by the caller).
     */
    public Revocation forget(SessionStore.Row row, byte[] unseal) {
        Revocation result;
        String providerId;
        try (CredentialPayload payload = open(row.id(), row.userId(), unseal, row.credentials())) {
            SessionOAuthTokens current = oauth(payload);
            providerId = current.providerId();
            Secret token = current.refreshToken() != null ? current.refreshToken() : current.accessToken();
            OAuthTokens endpoint = tokens.get();
            try {
                result = endpoint == null ? Revocation.FAILED : endpoint.revoke(providerId, token);
            } catch (RuntimeException e) {
                log.info("OAuth session {}: revoking its token at {} failed ({})", row.id(), providerId, e.getClass().getSimpleName());
                result = Revocation.FAILED;
            }
        }
        try (Secret nothing = Secret.copyOf(new byte[0])) {
            store.updateCredentials(row.id(), seal.seal(row.id(), row.userId(), unseal, nothing));
        }
        refused.remove(row.id());
        OAuthGrantEvent.Type type = switch (result) {
            case REVOKED -> OAuthGrantEvent.Type.REVOKED;
            case NOT_SUPPORTED -> OAuthGrantEvent.Type.REVOCATION_NOT_SUPPORTED;
            case FAILED -> OAuthGrantEvent.Type.REVOCATION_FAILED;
        };
        events.publishEvent(new OAuthGrantEvent(type, providerId, OAuthPurpose.MAIL, row.userId(), null, row.address(), "sign-out"));
        return result;
    }

    private Secret refreshLocked(SessionStore.Row row, byte[] unseal, String[] provider) {
        byte[] sealed = store.lockCredentials(row.id())
                .orElseThrow(() -> new VaultException("session " + row.id() + " has ended"));
        try (CredentialPayload payload = open(row.id(), row.userId(), unseal, sealed)) {
            SessionOAuthTokens current = oauth(payload);
            provider[0] = current.providerId();
            if (usable(row.id(), current)) return copy(current.accessToken()); // another request or node refreshed
            Secret refreshToken = current.refreshToken();
            if (refreshToken == null) throw new OAuthReauthRequiredException(current.providerId());
            OAuthTokens endpoint = tokens.get();
            if (endpoint == null) throw new OAuthUnavailableException("OAuth is not configured on this node");
            try (TokenSet next = endpoint.refresh(current.providerId(), OAuthPurpose.MAIL, refreshToken);
                 SessionOAuthTokens renewed = new SessionOAuthTokens(current.providerId(),
                         copy(next.refreshToken() != null ? next.refreshToken() : refreshToken),
                         copy(next.accessToken()), next.expiresAt());
                 Secret encoded = CredentialPayload.encode(renewed)) {
                if (!store.updateCredentials(row.id(), seal.seal(row.id(), row.userId(), unseal, encoded))) {
                    throw new VaultException("session " + row.id() + " has ended");
                }
                refused.remove(row.id());
                return copy(renewed.accessToken());
            }
        }
    }

    /** More than {@link #EARLY} left, and not the token a server just refused. */
    private boolean usable(String sessionId, SessionOAuthTokens tokens) {
        if (tokens.expiresAt().equals(refused.get(sessionId))) return false;
        return tokens.expiresAt().isAfter(clock.instant().plus(EARLY));
    }

    private CredentialPayload open(String sessionId, long userId, byte[] unseal, byte[] sealed) {
        try (Secret payload = seal.open(sessionId, userId, unseal, sealed)) {
            return CredentialPayload.decode(payload);
        }
    }

    private static SessionOAuthTokens oauth(CredentialPayload payload) {
        SessionOAuthTokens tokens = payload.oauth();
        if (tokens == null) throw new VaultException("this session holds no OAuth tokens");
        return tokens;
    }

    static Secret copy(Secret secret) {
        byte[] bytes = secret.revealBytes();
        try {
            return Secret.copyOf(bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }
}

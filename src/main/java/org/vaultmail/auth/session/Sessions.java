package org.vaultmail.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.AuthPolicy;
import org.vaultmail.auth.policy.AuthProperties;
import org.vaultmail.auth.signin.SignIn;
import org.vaultmail.auth.signin.SignInSucceeded;
import org.vaultmail.auth.smtp.SmtpCredentials;
import org.vaultmail.auth.smtp.SmtpCredentialsStale;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedLocation;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Sessions once the user is verified ({@link SignIn} verifies): opening one, refresh with rotation and reuse detection,
 * per-request session checks, listing and revocation (ADR 0004).
 *
 * <p>Why this is long: a session's life in one service over {@link SessionStore}: opening one (password, OAuth, the SMTP
 * login), refresh with rotation, authenticating a token, listing, revoking and purging; each method is short.
 */
public final class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    public static final int REFRESH_SECRET_BYTES = 32;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** Where a request came from, for the session list and the audit events. */
    public record Client(@Nullable String address, @Nullable String userAgent) {
        public Client {
            if (userAgent != null && userAgent.length() > 512) userAgent = userAgent.substring(0, 512);
            if (address != null && address.length() > 64) address = address.substring(0, 64);
        }
    }

    private final Users users;
    private final SessionStore store;
    private final CredentialSeal seal;
    private final SmtpCredentials smtpCredentials;
    private final AccessTokens tokens;
    private final Vault vault;
    private final AuthProperties properties;
    private final AuthPolicies policies;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    Sessions(Users users, SessionStore store, CredentialSeal seal, SmtpCredentials smtpCredentials, AccessTokens tokens,
             Vault vault, AuthProperties properties, AuthPolicies policies, ApplicationEventPublisher events,
             TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.store = store;
        this.seal = seal;
        this.smtpCredentials = smtpCredentials;
        this.tokens = tokens;
        this.vault = vault;
        this.properties = properties;
        this.policies = policies;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** Creates the session of a user whose password (and second factor, if any) were verified. */
    public Issued open(String address, Secret password, boolean remember, boolean api, Client client) {
        return open(address, password, SignInMethod.PASSWORD, remember, api, client);
    }

    /**
     * Creates the session of a user who signed in with a passkey alone: its PRF output unlocked {@code password}, and
     * the mailbox accepted it (ADR 0051). The session holds the password as any other; it is recorded as a passkey's.
     */
    public Issued openWithPasskey(String address, Secret password, boolean remember, Client client) {
        return open(address, password, SignInMethod.PASSKEY, remember, false, client);
    }

    private Issued open(String address, Secret password, SignInMethod method, boolean remember, boolean api, Client client) {
        boolean[] smtpStale = {false};
        Issued issued = open(address, remember, api, client, method, null, null, (userId, sessionId, unseal) -> {
            // stored SMTP credentials open with the IMAP password just verified (one Argon2id run, ADR 0007);
            // if that password changed, they are marked stale and sign-in goes on with the IMAP login only
            SmtpCredentials.Opened smtp = openSmtp(userId, password);
            try (smtp; Secret payload = CredentialPayload.encode(password, smtp.login())) {
                smtpStale[0] = smtp.outcome() == SmtpCredentials.Outcome.STALE;
                return seal.seal(sessionId, userId, unseal, payload);
            }
        });
        if (smtpStale[0]) events.publishEvent(new SmtpCredentialsStale(issued.userId(), address, issued.sessionId()));
        return issued;
    }

    /**
     * Creates the session of a user who signed in with OAuth at their domain's provider (and passed the second
     * factor, if any): the tokens are sealed like a password (ADR 0045), the provider's account is recorded
     * ({@code subject}: a re-authentication must come back with it, ADR 0047; null only for a second step parked
     * before V52, whose session must sign in again to re-authenticate). Does not take ownership of {@code tokens}.
     */
    public Issued openOAuth(String address, SessionOAuthTokens tokens, @Nullable OAuthSubject subject, boolean remember,
                            Client client) {
        return open(address, remember, false, client, SignInMethod.OAUTH, tokens.providerId(), subject, (userId, sessionId, unseal) -> {
            try (Secret payload = CredentialPayload.encode(tokens)) {
                return seal.seal(sessionId, userId, unseal, payload);
            }
        });
    }

    /** Seals a new session's credentials, once its id and the user's id are known. */
    @FunctionalInterface
    private interface Sealing {
        Sealed seal(long userId, String sessionId, byte[] unseal);
    }

    private Issued open(String address, boolean remember, boolean api, Client client, SignInMethod method,
                        @Nullable String oauthProvider, @Nullable OAuthSubject subject, Sealing sealing) {
        Instant now = clock.instant();
        String sessionId = Randoms.sessionId();
        byte[] unseal = Randoms.bytes(CredentialSeal.UNSEAL_SECRET_BYTES);
        byte[] refresh = Randoms.bytes(REFRESH_SECRET_BYTES);
        long userId = tx.execute(status -> {
            long id = users.signedIn(address, now);
            AuthPolicy policy = policies.current();
            Instant absolute = now.plus(policy.absoluteTimeout());
            Instant expires = min(now.plus(policy.idle(remember)), absolute);
            Sealed credentials = sealing.seal(id, sessionId, unseal);
            store.insert(new SessionStore.Row(sessionId, id, address, now, now, expires, absolute, remember,
                    client.userAgent(), client.address(), null, new byte[0], null, null, method), credentials, Randoms.sha256(refresh));
            if (oauthProvider != null) store.markOAuth(sessionId, oauthProvider, subject);
            return id;
        });
        events.publishEvent(new SignInSucceeded(address, userId, sessionId, client.address(), client.userAgent()));
        return issue(sessionId, userId, refresh, unseal, remember, api);
    }

    /** A stored SMTP login that does not open at the vault layer (tampered, key retired) must not block sign-in. */
    private SmtpCredentials.Opened openSmtp(long userId, Secret password) {
        try {
            return smtpCredentials.open(userId, password);
        } catch (VaultException e) {
            log.warn("Sign-in of user {}: the stored SMTP login does not open ({}); sending uses the IMAP login", userId,
                    e.getMessage());
            return new SmtpCredentials.Opened(SmtpCredentials.Outcome.NONE, null);
        }
    }

    /**
     * Rotates a refresh token. The previous token, presented again within the grace window, gets the
     * same successor (a concurrent refresh); after it, the session is revoked (RFC 9700 §4.14.2).
     */
    public Issued refresh(byte[] refreshSecret, byte[] unseal, boolean api, Client client) {
        byte[] hash = Randoms.sha256(refreshSecret);
        Instant now = clock.instant();
        Optional<SessionStore.Row> current = store.findByRefreshHash(hash);
        if (current.isPresent()) {
            SessionStore.Row row = current.get();
            AuthPolicy policy = policies.current();
            if (!row.allowedBy(policy, now)) throw new InvalidRefreshTokenException();
            byte[] next = Randoms.bytes(REFRESH_SECRET_BYTES);
            Instant expires = min(now.plus(policy.idle(row.remember())), absoluteExpiry(row, policy));
            Boolean rotated = tx.execute(status -> {
                if (!store.rotate(row.id(), hash, Randoms.sha256(next), now, expires)) return false;
                try (Secret s = Secret.copyOf(next)) {
                    store.saveSuccessor(row.id(), row.userId(), vault.seal(Purpose.SESSION, successorLocation(row), s),
                            now.plus(properties.refreshGrace()));
                }
                return true;
            });
            if (Boolean.TRUE.equals(rotated)) return issue(row.id(), row.userId(), next, unseal, row.remember(), api);
        }
        Optional<SessionStore.Row> previous = store.findByPreviousRefreshHash(hash);
        Optional<SessionStore.Row> retired = previous.isPresent() ? previous : store.findByRetiredRefreshHash(hash);
        if (retired.isEmpty()) throw new InvalidRefreshTokenException();
        SessionStore.Row row = retired.get();
        if (!row.allowedBy(policies.current(), now)) throw new InvalidRefreshTokenException();
        boolean withinGrace = previous.isPresent() && row.rotatedAt() != null
                && !now.isAfter(row.rotatedAt().plus(properties.refreshGrace()));
        Optional<byte[]> successor = withinGrace ? store.successor(row.id(), now) : Optional.empty();
        if (successor.isPresent()) {
            try (Secret s = vault.unseal(Purpose.SESSION, successorLocation(row), successor.get())) {
                return issue(row.id(), row.userId(), s.revealBytes(), unseal, row.remember(), api);
            }
        }
        log.warn("Refresh token reused after rotation: revoking session {} of user {}", row.id(), row.userId());
        events.publishEvent(new RefreshTokenReused(row.userId(), row.address(), row.id(), client.address(), client.userAgent()));
        revoke(row.userId(), row.id(), SessionRevoked.Reason.REFRESH_TOKEN_REUSED);
        throw new InvalidRefreshTokenException();
    }

    /** The session behind a verified access token, if it is still active; slides its idle expiry. */
    Optional<AuthenticatedSession> authenticate(AccessTokens.Claims claims, @Nullable String unsealCookie) {
        Instant now = clock.instant();
        Optional<SessionStore.Row> found = store.find(claims.sessionId());
        AuthPolicy policy = policies.current();
        if (found.isEmpty() || found.get().userId() != claims.userId() || !found.get().allowedBy(policy, now)) return Optional.empty();
        SessionStore.Row row = found.get();
        if (Duration.between(row.lastSeenAt(), now).compareTo(TOUCH_EVERY) >= 0) {
            store.touch(row.id(), now, min(now.plus(policy.idle(row.remember())), absoluteExpiry(row, policy)));
        }
        return Optional.of(new AuthenticatedSession(row.userId(), row.id(), row.address(), unsealCookie, claims.sealedUnseal()));
    }

    public List<SessionStore.Row> list(long userId) {
        Instant now = clock.instant();
        AuthPolicy policy = policies.current();
        return store.activeFor(userId, now).stream().filter(r -> r.allowedBy(policy, now)).toList();
    }

    /** Sessions of everyone that the current policy still allows, for the console. */
    List<SessionStore.Row> allActive(int limit) {
        Instant now = clock.instant();
        AuthPolicy policy = policies.current();
        return store.allActive(now, policy, limit);
    }

    /** A shortened absolute timeout also caps the expiry written on the next use (a longer one does not extend it). */
    private static Instant absoluteExpiry(SessionStore.Row row, AuthPolicy policy) {
        return min(row.absoluteExpiresAt(), row.createdAt().plus(policy.absoluteTimeout()));
    }

    /** Ends one of {@code userId}'s sessions; false when there is no such active session of theirs. */
    public boolean revoke(long userId, String sessionId, SessionRevoked.Reason reason) {
        Optional<SessionStore.Row> row = store.find(sessionId);
        if (row.isEmpty() || row.get().userId() != userId || row.get().revokedAt() != null) return false;
        if (!store.revoke(sessionId, clock.instant())) return false;
        events.publishEvent(new SessionRevoked(userId, row.get().address(), sessionId, reason));
        return true;
    }

    public int purge() {
        return store.purge(clock.instant());
    }

    /** The sealed form of an unseal secret inside an API access token ({@code usk}). */
    public static SealedLocation unsealLocation(String sessionId, long userId) {
        return SealedLocation.of("sessions", "unseal", sessionId, userId);
    }

    private Issued issue(String sessionId, long userId, byte[] refresh, byte[] unseal, boolean remember, boolean api) {
        String usk = null;
        if (api && unseal.length == CredentialSeal.UNSEAL_SECRET_BYTES) {
            try (Secret s = Secret.copyOf(unseal)) {
                usk = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        vault.seal(Purpose.SESSION, unsealLocation(sessionId, userId), s).ciphertext());
            }
        }
        return new Issued(sessionId, userId, tokens.mint(userId, sessionId, usk), refresh, Arrays.copyOf(unseal, unseal.length),
                tokens.ttl(), remember);
    }

    private static SealedLocation successorLocation(SessionStore.Row row) {
        return SessionStore.SUCCESSOR_COLUMN.location(row.id(), row.userId());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

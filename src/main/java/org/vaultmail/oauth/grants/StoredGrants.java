package org.vaultmail.oauth.grants;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.GrantView;
import org.vaultmail.oauth.OAuthGrantEvent;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.oauth.config.ClientRegistrations;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * {@link OAuthGrants} on {@code oauth_grants}. Access tokens: a per-node cache while more than a minute is left, else
 * the sealed one in the row, else a refresh. A refresh happens under a per-grant lock in this JVM (waiting callers
 * then find the new token in the cache) and the row's {@code FOR UPDATE} lock (other nodes wait, then find the new
 * token in the row): one token request per expiry, however many callers. The rotated refresh token is written in the
 * same transaction as the access token.
 *
 * <p>Why this is long: a grant's whole life on one table (store, replace, one refresh at a time across nodes under a row
 * lock, rotation, {@code invalid_grant}, revocation, the node's cache of access tokens); the lock and the sealed
 * columns belong in one place.
 */
final class StoredGrants implements OAuthGrants {

    /** A token with less than this left is refreshed first: a send or IMAP login must not start with a dying token. */
    static final Duration MIN_LEFT = Duration.ofSeconds(60);
    /** After a failed refresh other callers fail fast for this long instead of each asking the endpoint again. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(10);

    private record Cached(Secret token, Instant expiresAt) {
    }

    private sealed interface Outcome {
        record Token(Cached cached) implements Outcome {
        }

        record Reauth() implements Outcome {
        }

        record Unavailable(String error) implements Outcome {
        }
    }

    private final GrantRows rows;
    private final Vault vault;
    private final OAuthProviders providers;
    private final ClientRegistrations registrations;
    private final TokenEndpoint endpoint;
    private final GrantEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration failureQuietTime;
    private final ConcurrentHashMap<Long, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    StoredGrants(GrantRows rows, Vault vault, OAuthProviders providers, ClientRegistrations registrations,
                 TokenEndpoint endpoint, GrantEvents events, TransactionTemplate tx, Clock clock, Duration failureQuietTime) {
        this.rows = rows;
        this.vault = vault;
        this.providers = providers;
        this.registrations = registrations;
        this.endpoint = endpoint;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.failureQuietTime = failureQuietTime;
    }

    @Override
    public long store(long userId, CompletedAuthorization authorization) {
        TokenSet tokens = authorization.tokens();
        if (tokens.refreshToken() == null) {
            throw new IllegalArgumentException("the " + authorization.provider().id() + " authorization has no refresh token");
        }
        Long id = tx.execute(s -> {
            Instant now = clock.instant();
            long grantId = rows.insert(userId, authorization.provider().id(), authorization.purpose(), authorization.email(),
                    authorization.subject(), tokens.scopes(), now);
            writeTokens(grantId, userId, tokens, now);
            events.publish(OAuthGrantEvent.Type.CONNECTED, row(grantId), null);
            return grantId;
        });
        return id == null ? -1 : id;
    }

    @Override
    public void replace(long grantId, CompletedAuthorization authorization) {
        TokenSet tokens = authorization.tokens();
        if (tokens.refreshToken() == null) {
            throw new IllegalArgumentException("the " + authorization.provider().id() + " authorization has no refresh token");
        }
        tx.executeWithoutResult(s -> {
            GrantRow row = rows.lock(grantId).orElseThrow(() -> new IllegalArgumentException("no OAuth grant " + grantId));
            if (!row.providerId().equals(authorization.provider().id()) || row.purpose() != authorization.purpose()
                    || !row.email().equals(authorization.email())) {
                throw new IllegalArgumentException("OAuth grant " + grantId + " belongs to another account or purpose");
            }
            writeTokens(grantId, row.userId(), tokens, clock.instant());
            rows.reconnected(grantId, authorization.subject());
            cache.remove(grantId);
            events.publish(OAuthGrantEvent.Type.CONNECTED, row(grantId), "reconnected");
        });
    }

    @Override
    public Revocation delete(long grantId) {
        record Deleted(GrantRow row, @Nullable Secret refresh) {
        }
        Deleted deleted = tx.execute(s -> {
            GrantRow row = rows.lock(grantId).orElseThrow(() -> new IllegalArgumentException("no OAuth grant " + grantId));
            Secret refresh = null;
            if (row.refreshToken() != null) {
                try {
                    refresh = unseal(GrantRows.REFRESH_TOKEN, row, row.refreshToken());
                } catch (VaultException e) {
                    refresh = null; // deleted here all the same; nothing to revoke with
                }
            }
            rows.delete(grantId);
            cache.remove(grantId);
            events.publish(OAuthGrantEvent.Type.DISCONNECTED, row, null);
            return new Deleted(row, refresh);
        });
        if (deleted == null) throw new IllegalStateException("no result");
        Optional<OAuthProvider> provider = providers.find(deleted.row().providerId());
        Revocation result;
        if (provider.isEmpty() || deleted.refresh() == null) {
            result = provider.isPresent() && provider.get().revocationUri() == null ? Revocation.NOT_SUPPORTED : Revocation.FAILED;
        } else {
            try (Secret refresh = deleted.refresh()) {
                result = endpoint.revoke(provider.get(), refresh, "refresh_token");
            }
        }
        events.publish(switch (result) {
            case REVOKED -> OAuthGrantEvent.Type.REVOKED;
            case NOT_SUPPORTED -> OAuthGrantEvent.Type.REVOCATION_NOT_SUPPORTED;
            case FAILED -> OAuthGrantEvent.Type.REVOCATION_FAILED;
        }, deleted.row(), null);
        return result;
    }

    @Override
    public Optional<GrantView> find(long grantId) {
        return rows.find(grantId).map(GrantRow::view);
    }

    @Override
    public AccessTokenSource accessTokens(long grantId) {
        return new AccessTokenSource() {
            @Override
            public Secret accessToken() {
                return StoredGrants.this.accessToken(grantId);
            }

            @Override
            public void rejected(Secret token) {
                StoredGrants.this.rejected(grantId, token);
            }

            @Override
            public String toString() {
                return "AccessTokenSource[grant " + grantId + "]";
            }
        };
    }

    Secret accessToken(long grantId) {
        Cached c = cache.get(grantId);
        if (fresh(c)) return Secret.copyOf(c.token().revealBytes());
        ReentrantLock lock = locks.computeIfAbsent(grantId, k -> new ReentrantLock());
        lock.lock();
        try {
            c = cache.get(grantId);
            if (fresh(c)) return Secret.copyOf(c.token().revealBytes());
            Outcome outcome = tx.execute(s -> refreshLocked(grantId));
            return switch (outcome) {
                case Outcome.Token t -> {
                    cache.put(grantId, t.cached());
                    yield Secret.copyOf(t.cached().token().revealBytes());
                }
                case Outcome.Reauth r -> throw new OAuthReauthRequiredException(providerOf(grantId));
                case Outcome.Unavailable u -> throw new OAuthUnavailableException("the " + providerOf(grantId)
                        + " token endpoint failed (" + u.error() + "); try again later");
                case null -> throw new IllegalStateException("no outcome");
            };
        } finally {
            lock.unlock();
        }
    }

    private Outcome refreshLocked(long grantId) {
        GrantRow row = rows.lock(grantId).orElseThrow(() -> new IllegalArgumentException("no OAuth grant " + grantId));
        Instant now = clock.instant();
        if (row.state() == GrantView.State.NEEDS_REAUTH) return new Outcome.Reauth();
        // another node (or this one, before a restart) refreshed while we waited for the lock
        if (row.accessToken() != null && row.accessExpiresAt() != null && row.accessExpiresAt().isAfter(now.plus(MIN_LEFT))) {
            return new Outcome.Token(new Cached(unseal(GrantRows.ACCESS_TOKEN, row, row.accessToken()), row.accessExpiresAt()));
        }
        if (row.lastFailureAt() != null && row.lastFailure() != null && row.lastFailureAt().isAfter(now.minus(RETRY_PAUSE))
                && (row.lastRefreshAt() == null || !row.lastFailureAt().isBefore(row.lastRefreshAt()))) {
            return new Outcome.Unavailable(row.lastFailure());
        }
        Optional<ClientRegistrations.Registered> registered = providers.find(row.providerId())
                .flatMap(p -> registrations.find(p.registrationId(row.purpose())));
        if (registered.isEmpty() || row.refreshToken() == null) return failure(row, "provider_not_configured", false, now);
        TokenSet tokens;
        try (Secret refresh = unseal(GrantRows.REFRESH_TOKEN, row, row.refreshToken())) {
            tokens = endpoint.refresh(registered.get().registration(), refresh, row.scopes(), now);
        } catch (TokenEndpoint.Failure f) {
            return failure(row, f.errorCode, f.invalidGrant(), now);
        }
        try (tokens) {
            writeTokens(grantId, row.userId(), tokens, now);
            return new Outcome.Token(new Cached(Secret.copyOf(tokens.accessToken().revealBytes()), tokens.expiresAt()));
        }
    }

    private Outcome failure(GrantRow row, String error, boolean invalidGrant, Instant now) {
        rows.failed(row.id(), error, invalidGrant, now);
        cache.remove(row.id());
        boolean quiet = rows.lastListedFailure(row.id(), row.providerId())
                .map(at -> at.isAfter(now.minus(failureQuietTime))).orElse(false);
        if (invalidGrant || !quiet) {
            rows.listFailure(row.id(), row.userId(), row.email(), row.providerId(), row.purpose(), error, now);
            events.publish(invalidGrant ? OAuthGrantEvent.Type.NEEDS_REAUTH : OAuthGrantEvent.Type.REFRESH_FAILED, row, error);
        }
        return invalidGrant ? new Outcome.Reauth() : new Outcome.Unavailable(error);
    }

    void rejected(long grantId, Secret token) {
        Cached c = cache.get(grantId);
        if (c != null && c.token().sameAs(token)) cache.remove(grantId, c);
        tx.executeWithoutResult(s -> rows.lock(grantId).ifPresent(row -> {
            if (row.accessToken() == null) return;
            try (Secret stored = unseal(GrantRows.ACCESS_TOKEN, row, row.accessToken())) {
                if (stored.sameAs(token)) rows.clearAccess(grantId);
            }
        }));
    }

    /** Seals and writes the access token and, when there is one, the (new) refresh token. */
    private void writeTokens(long grantId, long userId, TokenSet tokens, Instant now) {
        Sealed refresh = tokens.refreshToken() == null ? null
                : vault.seal(Purpose.CREDENTIALS, GrantRows.REFRESH_TOKEN.location(grantId, userId), tokens.refreshToken());
        Sealed access = vault.seal(Purpose.CREDENTIALS, GrantRows.ACCESS_TOKEN.location(grantId, userId), tokens.accessToken());
        rows.tokens(grantId, refresh, access, tokens.expiresAt(), tokens.scopes(), now);
    }

    private Secret unseal(SealedColumn column, GrantRow row, byte[] ciphertext) {
        return vault.unseal(Purpose.CREDENTIALS, column.location(row.id(), row.userId()), ciphertext);
    }

    private boolean fresh(@Nullable Cached c) {
        return c != null && c.expiresAt().isAfter(clock.instant().plus(MIN_LEFT));
    }

    private GrantRow row(long grantId) {
        return rows.find(grantId).orElseThrow(() -> new IllegalStateException("oauth_grants row " + grantId + " vanished"));
    }

    private String providerOf(long grantId) {
        return rows.find(grantId).map(GrantRow::providerId).orElse("OAuth");
    }

    @Override
    public String toString() {
        return "StoredGrants";
    }
}

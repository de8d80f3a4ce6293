package org.vaultmail.oauth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.vault.Secret;

/**
 * Tokens from a token endpoint. Not a record (it holds {@link Secret}s); {@link #close} wipes them, and
 * {@link #toString} shows neither.
 */
public final class TokenSet implements AutoCloseable {

    private final Secret accessToken;
    private final @Nullable Secret refreshToken;
    private final Instant expiresAt;
    private final Set<String> scopes;

    public TokenSet(Secret accessToken, @Nullable Secret refreshToken, Instant expiresAt, Set<String> scopes) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.scopes = Set.copyOf(scopes);
    }

    public Secret accessToken() {
        return accessToken;
    }

    /** Null when the provider issued none (or, on a refresh, kept the old one: no rotation). */
    public @Nullable Secret refreshToken() {
        return refreshToken;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The scopes granted (as the token response says; the requested ones when it says nothing). */
    public Set<String> scopes() {
        return scopes;
    }

    @Override
    public void close() {
        accessToken.close();
        if (refreshToken != null) refreshToken.close();
    }

    @Override
    public String toString() {
        return "TokenSet[access=[PROTECTED], refresh=" + (refreshToken == null ? "none" : "[PROTECTED]")
                + ", expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}

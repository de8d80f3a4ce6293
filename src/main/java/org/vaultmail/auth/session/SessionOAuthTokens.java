package org.vaultmail.auth.session;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.vaultmail.vault.Secret;

/**
 * The OAuth tokens a signed-in session of an OAuth domain holds in its sealed credentials (ADR 0045): the provider,
 * the refresh token, the current access token and its expiry. IMAP and SMTP log in with the access token (SASL
 * XOAUTH2). Not a record (it holds {@link Secret}s); {@link #close} wipes them and {@link #toString} shows neither.
 */
public final class SessionOAuthTokens implements AutoCloseable {

    private final String providerId;
    private final @Nullable Secret refreshToken;
    private final Secret accessToken;
    private final Instant expiresAt;

    /** Takes ownership of both secrets. */
    public SessionOAuthTokens(String providerId, @Nullable Secret refreshToken, Secret accessToken, Instant expiresAt) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.refreshToken = refreshToken;
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String providerId() {
        return providerId;
    }

    /** Null when the provider issued none: the session then ends when the access token expires. */
    public @Nullable Secret refreshToken() {
        return refreshToken;
    }

    public Secret accessToken() {
        return accessToken;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public void close() {
        accessToken.close();
        if (refreshToken != null) refreshToken.close();
    }

    @Override
    public String toString() {
        return "SessionOAuthTokens[" + providerId + ", access=[PROTECTED], refresh="
                + (refreshToken == null ? "none" : "[PROTECTED]") + ", expiresAt=" + expiresAt + "]";
    }
}

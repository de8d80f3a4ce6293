package org.vaultmail.testing.oauth;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.vault.Secret;

/**
 * Tokens {@link LocalAuthorizationServer#issueTokens} got from the token endpoint. Plain strings, for tests; still
 * never printed ({@link #toString} shows neither token).
 */
public final class IssuedTokens {

    private final String accessToken;
    private final @Nullable String refreshToken;
    private final @Nullable String idToken;
    private final Instant expiresAt;
    private final Set<String> scopes;

    IssuedTokens(String accessToken, @Nullable String refreshToken, @Nullable String idToken, Instant expiresAt,
                 Set<String> scopes) {
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        this.idToken = idToken;
        this.expiresAt = expiresAt;
        this.scopes = Set.copyOf(scopes);
    }

    public String accessToken() {
        return accessToken;
    }

    /** Null where the provider issues none (Microsoft without {@code offline_access}). */
    public @Nullable String refreshToken() {
        return refreshToken;
    }

    /** Null without the {@code openid} scope. */
    public @Nullable String idToken() {
        return idToken;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The granted scopes, as the token response says. */
    public Set<String> scopes() {
        return scopes;
    }

    /** The access token as a {@link Secret}, for {@code MailLogins#openImapWithToken} and friends; the caller closes it. */
    public Secret accessSecret() {
        return Secret.ofUtf8(accessToken);
    }

    /** Vaultmail's own type for these tokens; the caller closes it. */
    public TokenSet toTokenSet() {
        return new TokenSet(Secret.ofUtf8(accessToken), refreshToken == null ? null : Secret.ofUtf8(refreshToken),
                expiresAt, scopes);
    }

    @Override
    public String toString() {
        return "IssuedTokens[access=[PROTECTED], refresh=" + (refreshToken == null ? "none" : "[PROTECTED]")
                + ", expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}

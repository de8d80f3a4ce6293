package org.vaultmail.oauth;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A stored grant as pages and the console may show it: no token, no ciphertext. */
public record GrantView(long id, long userId, String providerId, OAuthPurpose purpose, String email,
                        Set<String> scopes, State state, Instant createdAt, @Nullable Instant lastRefreshAt,
                        @Nullable Instant lastFailureAt, @Nullable String lastFailure) {

    public enum State {
        /** Tokens held and usable. */
        ACTIVE,
        /** The provider said {@code invalid_grant}: the owner must connect again. */
        NEEDS_REAUTH
    }
}

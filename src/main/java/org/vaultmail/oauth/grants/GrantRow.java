package org.vaultmail.oauth.grants;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.oauth.GrantView;
import org.vaultmail.oauth.OAuthPurpose;

/** One {@code oauth_grants} row: the view's fields plus the sealed tokens (ciphertext only). */
record GrantRow(long id, long userId, String providerId, OAuthPurpose purpose, String email, String subject,
                Set<String> scopes, GrantView.State state, byte @Nullable [] refreshToken, byte @Nullable [] accessToken,
                @Nullable Instant accessExpiresAt, Instant createdAt, @Nullable Instant lastRefreshAt,
                @Nullable Instant lastFailureAt, @Nullable String lastFailure) {

    GrantView view() {
        return new GrantView(id, userId, providerId, purpose, email, scopes, state, createdAt, lastRefreshAt,
                lastFailureAt, lastFailure);
    }

    @Override
    public String toString() {
        return "GrantRow[" + id + ", " + providerId + ", " + purpose + ", " + state + "]";
    }
}

package org.vaultmail.oauth;

import java.util.Optional;

/**
 * Long-lived grants (table {@code oauth_grants}): the refresh token and the current access token sealed at rest under
 * the master keyset with associated data (registered sealed columns: {@code keys status/rewrap/retire} cover them).
 * Refreshes take a row lock, so across all nodes one token request is made per expiry; a rotated refresh token
 * replaces the stored one in the same transaction. Audited: connected, disconnected, refresh failed, revoked.
 */
public interface OAuthGrants {

    /**
     * Stores the grant of a completed flow for {@code userId}; returns its id. Refuses (IllegalArgumentException) a
     * token set without a refresh token: a grant that cannot be refreshed would silently stop after an hour.
     */
    long store(long userId, CompletedAuthorization authorization);

    /** Fresh access tokens for the grant (see {@link AccessTokenSource}). */
    AccessTokenSource accessTokens(long grantId);

    /** Replaces a grant's tokens after the owner connected the same account again (needs_reauth → active). */
    void replace(long grantId, CompletedAuthorization authorization);

    /** Deletes the tokens here and revokes them at the provider where it has an endpoint. */
    Revocation delete(long grantId);

    Optional<GrantView> find(long grantId);
}

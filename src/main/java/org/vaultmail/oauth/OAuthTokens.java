package org.vaultmail.oauth;

import org.vaultmail.vault.Secret;

/**
 * Token endpoint calls for tokens stored elsewhere (a browser session's sealed credentials, where the cookie-held
 * secret is needed to open them, so {@link OAuthGrants} cannot hold them).
 */
public interface OAuthTokens {

    /**
     * Refreshes; the result's refresh token is non-null only when the provider rotated it (the caller must then store
     * it in place of the old one, atomically).
     *
     * @throws OAuthReauthRequiredException on {@code invalid_grant}
     * @throws OAuthUnavailableException    on anything else
     */
    TokenSet refresh(String providerId, OAuthPurpose purpose, Secret refreshToken);

    /** Revokes a token at the provider, where it has an endpoint. */
    Revocation revoke(String providerId, Secret token);
}

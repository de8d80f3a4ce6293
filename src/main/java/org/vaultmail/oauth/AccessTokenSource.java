package org.vaultmail.oauth;

import org.vaultmail.vault.Secret;

/**
 * Fresh access tokens for one grant. {@link #accessToken} returns a token valid for at least a minute, refreshing
 * when needed; concurrent callers share one refresh (one token request however many sends wait). The caller closes
 * the returned copy.
 */
public interface AccessTokenSource {

    /**
     * @throws OAuthReauthRequiredException the provider said {@code invalid_grant} (consent revoked, token expired or
     *                                      rotated away): the grant is marked and the user must connect again
     * @throws OAuthUnavailableException    the token endpoint could not be reached or failed; try again later
     */
    Secret accessToken();

    /**
     * The API or mail server refused this token (HTTP 401, an XOAUTH2 failure): forget it, so the next
     * {@link #accessToken} refreshes. Does nothing if a newer token is already held.
     */
    void rejected(Secret token);
}

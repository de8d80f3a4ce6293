package org.vaultmail.oauth;

/**
 * The provider no longer honours the grant ({@code invalid_grant}): consent revoked, password changed, refresh token
 * expired or replaced. Not retried; the owner must connect again. The message names the provider only.
 */
public class OAuthReauthRequiredException extends RuntimeException {

    public OAuthReauthRequiredException(String providerId) {
        super("the " + providerId + " grant is no longer valid; connect the account again");
    }
}

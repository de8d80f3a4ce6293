package org.vaultmail.oauth;

/**
 * The token endpoint could not be reached or answered with an error other than {@code invalid_grant}; worth retrying
 * later. The message names the provider and the error code only, never a token.
 */
public class OAuthUnavailableException extends RuntimeException {

    public OAuthUnavailableException(String message) {
        super(message);
    }

    public OAuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

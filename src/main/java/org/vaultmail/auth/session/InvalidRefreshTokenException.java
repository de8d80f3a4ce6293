package org.vaultmail.auth.session;

/** A refresh token that is unknown, expired, revoked or reused. */
public final class InvalidRefreshTokenException extends RuntimeException {

    public InvalidRefreshTokenException() {
        super("refresh token invalid", null, false, false);
    }
}

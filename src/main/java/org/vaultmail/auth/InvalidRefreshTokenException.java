package org.vaultmail.auth;

/** A refresh token that is unknown, expired, revoked or reused. */
final class InvalidRefreshTokenException extends RuntimeException {

    InvalidRefreshTokenException() {
        super("refresh token invalid", null, false, false);
    }
}

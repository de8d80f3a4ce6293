package org.vaultmail.auth;

/** A session ended before its time; published for the audit log. */
public record SessionRevoked(long userId, String address, String sessionId, Reason reason) {

    /**
     * Who or what ended it. {@code OAUTH_GRANT_ENDED}: the OAuth provider refused to refresh the session's tokens
     * (consent revoked, account disabled): the user signs in again (ADR 0045).
     */
    public enum Reason { LOGOUT, BY_USER, REFRESH_TOKEN_REUSED, BY_OPERATOR, OAUTH_GRANT_ENDED }
}

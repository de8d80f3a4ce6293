package org.vaultmail.auth;

/** A session ended before its time; published for the audit log. */
public record SessionRevoked(long userId, String address, String sessionId, Reason reason) {

    /** Who or what ended it. */
    public enum Reason { LOGOUT, BY_USER, REFRESH_TOKEN_REUSED, BY_OPERATOR }
}

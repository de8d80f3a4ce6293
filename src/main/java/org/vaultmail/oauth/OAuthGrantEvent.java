package org.vaultmail.oauth;

import org.jspecify.annotations.Nullable;

/**
 * Published (and audited) for every change of a grant or of a session's OAuth tokens: connect, disconnect, refresh
 * failure, revocation. {@code grantId} is null for session-held tokens; {@code detail} names an error code, never a
 * token.
 */
public record OAuthGrantEvent(Type type, String providerId, OAuthPurpose purpose, long userId, @Nullable Long grantId,
                             String email, @Nullable String detail) {

    public enum Type {
        CONNECTED, DISCONNECTED, REFRESH_FAILED, NEEDS_REAUTH, REVOKED, REVOCATION_NOT_SUPPORTED, REVOCATION_FAILED
    }

    /** The audit action name, e.g. {@code oauth.connected}. */
    public String action() {
        return "oauth." + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

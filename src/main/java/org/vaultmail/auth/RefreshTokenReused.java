package org.vaultmail.auth;

import org.jspecify.annotations.Nullable;

/** A refresh token was presented again after it had been rotated: the session is revoked (G8). */
public record RefreshTokenReused(long userId, String address, String sessionId, @Nullable String clientAddress, @Nullable String userAgent) {
}

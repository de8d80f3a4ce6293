package org.vaultmail.auth.session;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/** A refresh token was presented again after it had been rotated: the session is revoked (G8). */
@NamedInterface("session")
public record RefreshTokenReused(long userId, String address, String sessionId, @Nullable String clientAddress, @Nullable String userAgent) {
}

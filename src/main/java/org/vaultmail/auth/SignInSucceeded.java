package org.vaultmail.auth;

import org.jspecify.annotations.Nullable;

/** Someone signed in; published for the audit log. Holds no secret. */
public record SignInSucceeded(String address, long userId, String sessionId, @Nullable String clientAddress,
                              @Nullable String userAgent) {
}

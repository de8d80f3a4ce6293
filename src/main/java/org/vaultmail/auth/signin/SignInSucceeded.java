package org.vaultmail.auth.signin;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/** Someone signed in; published for the audit log. Holds no secret. */
@NamedInterface("signin")
public record SignInSucceeded(String address, long userId, String sessionId, @Nullable String clientAddress,
                              @Nullable String userAgent) {
}

package org.vaultmail.auth;

import org.jspecify.annotations.Nullable;

/** For tests in auth's sub-packages: an {@link AuthenticatedSession} as the token filter would build it. */
public final class TestSessions {

    private TestSessions() {
    }

    public static AuthenticatedSession of(long userId, String sessionId, String address, @Nullable String unsealCookie,
                                          @Nullable String sealedUnseal) {
        return new AuthenticatedSession(userId, sessionId, address, unsealCookie, sealedUnseal);
    }
}

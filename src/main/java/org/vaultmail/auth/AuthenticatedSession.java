package org.vaultmail.auth;

import org.jspecify.annotations.Nullable;

/**
 * The signed-in user and session of the current request (the Spring Security principal). Carries
 * the client's unseal secret in the form it arrived (cookie text, or the sealed {@code usk} claim)
 * for {@link SessionCredentials}; never prints it.
 */
public final class AuthenticatedSession {

    private final long userId;
    private final String sessionId;
    private final String address;
    private final @Nullable String unsealCookie;
    private final @Nullable String sealedUnseal;

    public AuthenticatedSession(long userId, String sessionId, String address, @Nullable String unsealCookie,
                         @Nullable String sealedUnseal) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.address = address;
        this.unsealCookie = unsealCookie;
        this.sealedUnseal = sealedUnseal;
    }

    public long userId() {
        return userId;
    }

    public String sessionId() {
        return sessionId;
    }

    /** The mail address the user signed in with (lower case). */
    public String address() {
        return address;
    }

    @Nullable String unsealCookie() {
        return unsealCookie;
    }

    @Nullable String sealedUnseal() {
        return sealedUnseal;
    }

    @Override
    public String toString() {
        return "AuthenticatedSession[user=" + userId + ", session=" + sessionId + "]";
    }
}

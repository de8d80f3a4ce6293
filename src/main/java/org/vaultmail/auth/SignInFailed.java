package org.vaultmail.auth;

import org.jspecify.annotations.Nullable;

/** A sign-in was refused or could not be checked; published for the audit log. Holds no secret. */
public record SignInFailed(String address, Reason reason, @Nullable String clientAddress, @Nullable String userAgent) {

    /** Why; the user sees the same message for the first two. */
    public enum Reason { UNKNOWN_DOMAIN, WRONG_CREDENTIALS, SERVER_UNREACHABLE }
}

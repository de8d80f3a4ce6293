package org.vaultmail.auth.signin;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/** A sign-in was refused or could not be checked; published for the audit log. Holds no secret. */
@NamedInterface("signin")
public record SignInFailed(String address, Reason reason, @Nullable String clientAddress, @Nullable String userAgent) {

    /**
     * Why; the user sees the same message for all but {@code SERVER_UNREACHABLE}. {@code LOCKED_OUT}: the
     * account or client address was in a throttling wait, and the mail server was not asked (G9).
     * {@code UNVERIFIED_EMAIL}: an OAuth provider's ID token named an address it does not vouch for (ADR 0045
     * amendment); nothing was tried.
     */
    public enum Reason { UNKNOWN_DOMAIN, WRONG_CREDENTIALS, SERVER_UNREACHABLE, LOCKED_OUT, UNVERIFIED_EMAIL }
}

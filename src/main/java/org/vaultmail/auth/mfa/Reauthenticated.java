package org.vaultmail.auth.mfa;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A proof of identity inside a session (ADR 0026, ADR 0047), right or not; published for the audit log. Holds no secret.
 *
 * @param method   what was asked for: the mailbox password, the second factor of an enrolled user, or a new sign-in at
 *                 the OAuth provider the session signed in with, or a passkey assertion (ADR 0048 amendment)
 * @param outcome  {@code SUCCESS}, {@code WRONG} (counted by the sign-in throttle; at a provider: another account),
 *                 {@code LOCKED_OUT} (not checked) or {@code STALE} (the provider did not sign the user in again)
 * @param provider the OAuth provider's id for {@code PROVIDER}, else null
 */
@NamedInterface("mfa")
public record Reauthenticated(long userId, String address, String sessionId, Method method, Outcome outcome,
                              @Nullable String clientAddress, @Nullable String provider) {

    /** The kind of proof. */
    public enum Method { PASSWORD, SECOND_FACTOR, PROVIDER, PASSKEY }

    /** How it went. */
    public enum Outcome { SUCCESS, WRONG, LOCKED_OUT, STALE }

    /** A password or second-factor proof. */
    public Reauthenticated(long userId, String address, String sessionId, Method method, Outcome outcome,
                           @Nullable String clientAddress) {
        this(userId, address, sessionId, method, outcome, clientAddress, null);
    }
}

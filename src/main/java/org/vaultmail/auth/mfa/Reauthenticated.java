package org.vaultmail.auth.mfa;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A proof of identity inside a session (ADR 0026), right or not; published for the audit log. Holds no secret.
 *
 * @param method  what was asked for: the mailbox password, or the second factor of an enrolled user
 * @param outcome {@code SUCCESS}, {@code WRONG} (counted by the sign-in throttle) or {@code LOCKED_OUT} (not checked)
 */
@NamedInterface("mfa")
public record Reauthenticated(long userId, String address, String sessionId, Method method, Outcome outcome,
                              @Nullable String clientAddress) {

    /** The kind of proof. */
    public enum Method { PASSWORD, SECOND_FACTOR }

    /** How it went. */
    public enum Outcome { SUCCESS, WRONG, LOCKED_OUT }
}

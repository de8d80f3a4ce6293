package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;
import org.vaultmail.auth.users.UserChangedByOperator;

/**
 * A user changed their own second factor (ADR 0026): published inside the transaction of the change, so the
 * notification feature tells them by mail exactly when it happened (ADR 0023). {@code id} makes a republished event
 * recognisable. Operators' resets are {@link UserChangedByOperator} instead. No secret.
 */
@NamedInterface("mfa")
public record SecondFactorChanged(UUID id, long userId, String address, Change change, Instant at) {

    /** What changed. */
    public enum Change { ADDED, REMOVED, RECOVERY_CODES_REPLACED, PASSKEY_ADDED, PASSKEY_REMOVED,
        /** Sign-in with a passkey alone was turned on for one of the user's passkeys (ADR 0051). */
        PASSKEY_SIGNIN_ENABLED }
}

package org.vaultmail.auth.users;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * An operator changed something security-relevant on a user's account (second factor reset, all
 * sessions ended). Published in the transaction of the change, so the notification feature learns of
 * it exactly when it happened (ADR 0023). {@code id} makes a republished event recognisable. No secret.
 */
@NamedInterface("users")
public record UserChangedByOperator(UUID id, long userId, String address, Change change, String operator,
                                    @Nullable String operatorClient, Instant at) {

    /** What the operator did. */
    public enum Change { MFA_RESET, SESSIONS_ENDED }
}

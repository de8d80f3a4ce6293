package org.vaultmail.audit;

import org.jspecify.annotations.Nullable;

/**
 * An operator's or the command line's action, published by the admin feature for the audit log.
 * {@code action} is a dotted name such as {@code operator.create}; nothing here may be a secret.
 */
public record AdminActionPerformed(ActorType actorType, String actorId, String action, @Nullable String target,
                                   String outcome, @Nullable String clientAddress, @Nullable String userAgent) {

    /** An action without a client (the command line, a job). */
    public AdminActionPerformed(ActorType actorType, String actorId, String action, @Nullable String target, String outcome) {
        this(actorType, actorId, action, target, outcome, null, null);
    }
}

package org.vaultmail.audit;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * An operator's or the command line's action, published by the admin feature for the audit log.
 * {@code action} is a dotted name such as {@code operator.create}; {@code details} are named, non-secret
 * facts (such as whether the user was notified). Nothing here may be a secret.
 */
public record AdminActionPerformed(ActorType actorType, String actorId, String action, @Nullable String target,
                                   String outcome, @Nullable String clientAddress, @Nullable String userAgent,
                                   @Nullable Map<String, String> details) {

    public AdminActionPerformed {
        details = details == null ? Map.of() : Map.copyOf(new TreeMap<>(details));
    }

    /** An action of a client without details. */
    public AdminActionPerformed(ActorType actorType, String actorId, String action, @Nullable String target,
                                String outcome, @Nullable String clientAddress, @Nullable String userAgent) {
        this(actorType, actorId, action, target, outcome, clientAddress, userAgent, Map.of());
    }

    /** An action without a client (the command line, a job). */
    public AdminActionPerformed(ActorType actorType, String actorId, String action, @Nullable String target, String outcome) {
        this(actorType, actorId, action, target, outcome, null, null, Map.of());
    }
}

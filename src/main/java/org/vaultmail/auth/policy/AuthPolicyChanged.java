package org.vaultmail.auth.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * An operator changed the sign-in and session policy (ADR 0022): the new version and, per field, the value
 * in force before and after ({@code "5 (default)"}, {@code "2"}). Policy values are never secrets.
 */
@NamedInterface("policy")
public record AuthPolicyChanged(String operator, long version, List<Change> changes, @Nullable String clientAddress,
                                @Nullable String userAgent) {

    public AuthPolicyChanged {
        changes = List.copyOf(changes);
    }

    /** One field: its key, the value before and after, each marked {@code (default)} when not stored. */
    public record Change(String field, String from, String to) {
    }
}

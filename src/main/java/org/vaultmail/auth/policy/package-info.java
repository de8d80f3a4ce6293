/**
 * The operator's sign-in and session policy (ADR 0022): the configured defaults ({@code vaultmail.auth.*},
 * {@code vaultmail.auth.throttle.*}), the values stored over them from the console, validation and optimistic saving,
 * and the events a save publishes. It knows nothing of sessions: when a save shortens a lifetime it announces
 * {@link org.vaultmail.auth.policy.SessionLimitsShortened} and the session feature clamps its rows (ADR 0033).
 * Other features use the types marked {@code @NamedInterface("policy")}.
 */
@NullMarked
package org.vaultmail.auth.policy;

import org.jspecify.annotations.NullMarked;

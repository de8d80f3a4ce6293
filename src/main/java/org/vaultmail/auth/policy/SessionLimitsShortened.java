package org.vaultmail.auth.policy;

import java.time.Instant;

/**
 * A policy save shortened the idle or absolute session lifetime. Published synchronously inside the save's
 * transaction, so the stored expiries of live sessions are clamped (by the session feature) in the same
 * commit as the policy, or not at all (ADR 0022, ADR 0033). Not an audit event: {@link AuthPolicyChanged} is.
 *
 * @param policy the policy now in force
 * @param at     when it was saved
 */
public record SessionLimitsShortened(AuthPolicy policy, Instant at) {
}

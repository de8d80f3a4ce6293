package org.vaultmail.admin.operators;

import org.vaultmail.auth.policy.AuthPolicies;

/**
 * Whether the console requires passkeys for operators (ADR 0054): the stored policy field
 * {@code requireOperatorPasskeys} (set at {@code /admin/policy}, in force on every node within the policy's refresh),
 * over the configured default {@code vaultmail.admin.require-passkeys}.
 */
public final class OperatorPasskeyPolicy {

    private final AuthPolicies policies;

    OperatorPasskeyPolicy(AuthPolicies policies) {
        this.policies = policies;
    }

    public boolean required() {
        return policies.current().requireOperatorPasskeys();
    }
}

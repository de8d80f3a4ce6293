package org.vaultmail.auth.passkeys;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * An operator's passkey ceremony the server refused (ADR 0054): the problem (its lower-case name is the audit reason),
 * and for the audit log the first characters of the public credential id, the passkey's name and, for a counter
 * regression, both counters. No key, signature or challenge; the message names none of these.
 */
@NamedInterface("passkeys")
public final class OperatorPasskeyRefused extends RuntimeException {

    private final PasskeyException.Problem problem;
    private final @Nullable String credential;
    private final @Nullable String name;
    private final @Nullable String detail;

    OperatorPasskeyRefused(PasskeyException.Problem problem, @Nullable String credential, @Nullable String name, @Nullable String detail) {
        super(problem.name(), null, false, false);
        this.problem = problem;
        this.credential = credential;
        this.name = name;
        this.detail = detail;
    }

    public PasskeyException.Problem problem() {
        return problem;
    }

    /** The audit reason: {@code expired}, {@code unknown_credential}, {@code not_verified}, … */
    public String reason() {
        return problem.name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean counterRegression() {
        return problem == PasskeyException.Problem.COUNTER_REGRESSION;
    }

    public @Nullable String credential() {
        return credential;
    }

    public @Nullable String name() {
        return name;
    }

    public @Nullable String detail() {
        return detail;
    }
}

package org.vaultmail.auth.passkeys;

/** A ceremony the server refused, with the message the user sees; it names no credential and no secret. */
public final class PasskeyException extends RuntimeException {

    /** Why; the name (lower case) is the audit reason. */
    public enum Problem {
        EXPIRED, UNKNOWN_CREDENTIAL, NOT_VERIFIED, COUNTER_REGRESSION, DUPLICATE, INVALID, NAME, NO_PRF, NOT_ENABLED,
        FORBIDDEN, UNLOCK_FAILED, NO_PASSWORD;

        /** The message key of what the user is told ({@code messages-problems}), rendered in their language. */
        public String message() {
            return "problem.passkey." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Problem problem;

    PasskeyException(Problem problem) {
        super(problem.name(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The message key of what the user is told. */
    public String userMessage() {
        return problem.message();
    }
}

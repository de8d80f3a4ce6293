package org.vaultmail.auth.passkeys;

import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;

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

    /**
     * What a failure of a ceremony (a user's or an operator's) means, looking through its causes; webauthn4j's own
     * message is never shown or logged.
     */
    static Problem problemOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OperatorPasskeyRefused r) return r.problem();
            if (t instanceof PasskeyException p) return p.problem();
            if (t instanceof MaliciousCounterValueException) return Problem.COUNTER_REGRESSION;
            if (t instanceof UserNotVerifiedException) return Problem.NOT_VERIFIED;
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("already exists")) {
                return Problem.DUPLICATE;
            }
        }
        return Problem.INVALID;
    }
}

package org.vaultmail.admin.operators;

import java.time.Duration;

/**
 * This node is checking as many operator passwords as it may (ADR 0027): the attempt was not checked and is not
 * counted as a failure; the console answers 503 with {@code Retry-After}.
 */
public final class OperatorSignInBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** When to try again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    OperatorSignInBusyException() {
        super("operator sign-in is busy on this node; try again shortly", null, false, false);
    }
}

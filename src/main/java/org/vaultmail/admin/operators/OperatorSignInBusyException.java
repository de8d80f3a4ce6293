package org.vaultmail.admin.operators;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * This node is checking as many operator passwords as it may (ADR 0027): the attempt was not checked and is not
 * counted as a failure; the console answers 503 with {@code Retry-After}. An {@link AuthenticationServiceException}
 * (ADR 0055): the {@code ProviderManager} passes it on unchanged, and it is "could not check", not "wrong".
 */
public final class OperatorSignInBusyException extends AuthenticationServiceException {

    private static final long serialVersionUID = 1L;

    /** When to try again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    OperatorSignInBusyException() {
        super("operator sign-in is busy on this node; try again shortly");
    }

    /** Cheap under a flood: thrown by the thousand, never logged with a trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

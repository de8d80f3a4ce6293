package org.vaultmail.auth.signin;

/**
 * The password was right but a second factor is owed ({@link #wrongCode}: one was given and refused).
 * Thrown only after the bind succeeded, so it tells a caller the password was right (ADR 0006).
 */
final class MfaRequiredException extends RuntimeException {

    private final long userId;
    private final String address;
    private final boolean wrongCode;

    MfaRequiredException(long userId, String address, boolean wrongCode) {
        super(wrongCode ? "wrong second-factor code" : "second factor required", null, false, false);
        this.userId = userId;
        this.address = address;
        this.wrongCode = wrongCode;
    }

    long userId() {
        return userId;
    }

    String address() {
        return address;
    }

    boolean wrongCode() {
        return wrongCode;
    }
}

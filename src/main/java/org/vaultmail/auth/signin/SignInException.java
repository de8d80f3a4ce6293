package org.vaultmail.auth.signin;

/** A sign-in that did not succeed: refused ("wrong address or password"), mail server unreachable, or too busy. */
public final class SignInException extends RuntimeException {

    /** What the user is told; a lockout is {@link #REFUSED} too, indistinguishable from a wrong password. */
    enum Outcome { REFUSED, UNREACHABLE, BUSY }

    private final Outcome outcome;

    SignInException(Outcome outcome) {
        super(switch (outcome) {
            case REFUSED -> "wrong address or password";
            case UNREACHABLE -> "mail server unreachable";
            case BUSY -> "too many sign-ins in progress";
        }, null, false, false);
        this.outcome = outcome;
    }

    SignInException(boolean unreachable) {
        this(unreachable ? Outcome.UNREACHABLE : Outcome.REFUSED);
    }

    Outcome outcome() {
        return outcome;
    }

    /** Not the user's fault: 503, "try again later". */
    boolean unreachable() {
        return outcome != Outcome.REFUSED;
    }

    /** The message shown for this outcome. */
    String message() {
        return switch (outcome) {
            case REFUSED -> SessionsApiController.SIGN_IN_FAILED;
            case UNREACHABLE -> SessionsApiController.SERVER_UNREACHABLE;
            case BUSY -> SessionsApiController.SERVER_BUSY;
        };
    }
}

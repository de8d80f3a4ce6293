package org.vaultmail.auth;

/** A sign-in that did not succeed; {@link #unreachable} tells "try later" from "wrong address or password". */
final class SignInException extends RuntimeException {

    private final boolean unreachable;

    SignInException(boolean unreachable) {
        super(unreachable ? "mail server unreachable" : "wrong address or password", null, false, false);
        this.unreachable = unreachable;
    }

    boolean unreachable() {
        return unreachable;
    }
}

package org.vaultmail.auth.signin;

/** The operator requires MFA and this user has not enrolled yet: only the browser can enrol. */
final class MfaEnrolmentRequiredException extends RuntimeException {

    MfaEnrolmentRequiredException() {
        super("second factor required but not enrolled", null, false, false);
    }
}

package org.vaultmail.auth;

/** A wrong or reused second-factor code; published for the audit log. Holds no secret (not even the code). */
public record MfaFailed(long userId, String address, Reason reason) {

    /** Where the code was typed. */
    public enum Reason { SIGN_IN, ENROL, DISABLE }
}

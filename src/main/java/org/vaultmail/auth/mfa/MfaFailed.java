package org.vaultmail.auth.mfa;

import org.springframework.modulith.NamedInterface;

/** A wrong or reused second-factor code; published for the audit log. Holds no secret (not even the code). */
@NamedInterface("mfa")
public record MfaFailed(long userId, String address, Reason reason) {

    /**
     * Where the code was typed. {@code DISABLE} is no longer published (turning the second factor off needs a recent
     * proof, {@code REAUTHENTICATE}, ADR 0026) but names older audit entries.
     */
    public enum Reason { SIGN_IN, ENROL, DISABLE, REAUTHENTICATE }
}

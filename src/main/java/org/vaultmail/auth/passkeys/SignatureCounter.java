package org.vaultmail.auth.passkeys;

/**
 * The signature counter of an assertion (WebAuthn §6.1: authenticator data = rpIdHash (32) ‖ flags (1) ‖ signCount
 * (4, big-endian) ‖ …) and the rule of §7.2 step 21: when either counter is non-zero, the presented one must be
 * greater than the stored one, else the authenticator may have been cloned. Checked here because Spring Security
 * 7.1.2's {@code Webauthn4JRelyingPartyOperations.authenticate} hands webauthn4j the counter from the registration's
 * attestation object, not the stored one, so it never sees a regression after the first use (ADR 0048).
 */
final class SignatureCounter {

    private static final int OFFSET = 33;

    private SignatureCounter() {
    }

    static long of(byte[] authenticatorData) {
        if (authenticatorData.length < OFFSET + 4) throw new IllegalArgumentException("authenticator data too short");
        long count = 0;
        for (int i = OFFSET; i < OFFSET + 4; i++) count = count << 8 | authenticatorData[i] & 0xFF;
        return count;
    }

    static boolean regressed(long presented, long stored) {
        return (presented > 0 || stored > 0) && presented <= stored;
    }
}

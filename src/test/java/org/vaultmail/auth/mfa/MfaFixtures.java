package org.vaultmail.auth.mfa;

import java.time.Clock;

/** Enrols a user in TOTP without the pages, for tests of other features (the console's MFA reset). */
public final class MfaFixtures {

    private MfaFixtures() {
    }

    public static void enrol(UserMfa mfa, long userId, String address, Clock clock) {
        enrolWithSecret(mfa, userId, address, clock);
    }

    /** The same; returns the secret in base32, for tests that need further codes. */
    public static String enrolWithSecret(UserMfa mfa, long userId, String address, Clock clock) {
        UserMfa.Enrolment enrolment = mfa.begin(userId, address).orElseThrow();
        Totp totp = Totp.standard(clock);
        String code = totp.code(Base32.decode(enrolment.secretBase32()), totp.currentStep());
        mfa.confirm(userId, address, code).orElseThrow();
        return enrolment.secretBase32();
    }

    /** Enrols; returns the recovery codes (each signs in once, whatever the clock: no wait for a fresh TOTP step). */
    public static java.util.List<String> enrolWithRecoveryCodes(UserMfa mfa, long userId, String address, Clock clock) {
        UserMfa.Enrolment enrolment = mfa.begin(userId, address).orElseThrow();
        Totp totp = Totp.standard(clock);
        String code = totp.code(Base32.decode(enrolment.secretBase32()), totp.currentStep());
        return mfa.confirm(userId, address, code).orElseThrow();
    }
}

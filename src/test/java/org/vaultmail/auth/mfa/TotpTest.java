package org.vaultmail.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.vaultmail.testing.MutableClock;

/** RFC 6238 TOTP: the appendix B vectors, the ±1 step window and replay protection. */
class TotpTest {

    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    final MutableClock clock = new MutableClock();

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void codesMatchRfc6238AppendixBSha1Vectors(long epochSeconds, String expected) {
        clock.set(Instant.ofEpochSecond(epochSeconds));
        Totp totp = new Totp(clock, 8, Duration.ofSeconds(30));

        assertThat(totp.code(RFC_KEY, totp.currentStep())).isEqualTo(expected);
        assertThat(totp.verify(RFC_KEY, expected, -1)).hasValue(totp.currentStep());
    }

    @Test
    void codesOneStepEitherSideAreAcceptedTwoStepsAreNot() {
        clock.set(Instant.ofEpochSecond(1_700_000_000));
        Totp totp = Totp.standard(clock);
        long now = totp.currentStep();

        assertThat(totp.verify(RFC_KEY, totp.code(RFC_KEY, now - 1), -1)).hasValue(now - 1);
        assertThat(totp.verify(RFC_KEY, totp.code(RFC_KEY, now + 1), -1)).hasValue(now + 1);
        assertThat(totp.verify(RFC_KEY, totp.code(RFC_KEY, now - 2), -1)).isEmpty();
        assertThat(totp.verify(RFC_KEY, totp.code(RFC_KEY, now + 2), -1)).isEmpty();
    }

    @Test
    void codeOfAStepAlreadyUsedIsRejectedWithinTheWindow() {
        clock.set(Instant.ofEpochSecond(1_700_000_000));
        Totp totp = Totp.standard(clock);
        long now = totp.currentStep();
        String code = totp.code(RFC_KEY, now);

        assertThat(totp.verify(RFC_KEY, code, now)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(RFC_KEY, code, now)).isEmpty();
        assertThat(totp.verify(RFC_KEY, totp.code(RFC_KEY, now - 1), now)).isEmpty();
    }

    @Test
    void malformedCodesAreRejected() {
        Totp totp = Totp.standard(clock);
        assertThat(totp.verify(RFC_KEY, "", -1)).isEmpty();
        assertThat(totp.verify(RFC_KEY, "12345", -1)).isEmpty();
        assertThat(totp.verify(RFC_KEY, "abcdef", -1)).isEmpty();
        assertThat(totp.verify(RFC_KEY, "1234567", -1)).isEmpty();
    }

    @Test
    void uriCarriesIssuerParametersAndBase32Secret() {
        assertThat(Totp.uri("alice@example.test", RFC_KEY)).isEqualTo("otpauth://totp/Vaultmail:alice%40example.test?secret="
                + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Vaultmail&algorithm=SHA1&digits=6&period=30");
        assertThat(Base32.decode("gezd gnbv-gy3tqojqgezdgnbvgy3tqojq")).isEqualTo(RFC_KEY);
    }
}

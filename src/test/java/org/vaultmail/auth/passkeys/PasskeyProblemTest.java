package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import org.junit.jupiter.api.Test;
import org.vaultmail.auth.passkeys.PasskeyException.Problem;

/** One reading of a ceremony's failure for users' and operators' passkeys alike, looking through the causes. */
class PasskeyProblemTest {

    @Test
    @SuppressWarnings("deprecation") // webauthn4j throws it itself; a test has only the deprecated constructor to make one
    void webauthn4jFailuresBecomeTheirProblemsWhereverTheyAreInTheChain() {
        assertThat(PasskeyException.problemOf(new RuntimeException(new MaliciousCounterValueException("counter"))))
                .isEqualTo(Problem.COUNTER_REGRESSION);
        assertThat(PasskeyException.problemOf(new UserNotVerifiedException("uv"))).isEqualTo(Problem.NOT_VERIFIED);
        assertThat(PasskeyException.problemOf(new IllegalArgumentException("credential already exists")))
                .isEqualTo(Problem.DUPLICATE);
    }

    @Test
    void ourOwnRefusalsKeepTheirProblemAndAnythingElseIsInvalid() {
        assertThat(PasskeyException.problemOf(new PasskeyException(Problem.EXPIRED))).isEqualTo(Problem.EXPIRED);
        assertThat(PasskeyException.problemOf(new IllegalStateException(
                new OperatorPasskeyRefused(Problem.UNKNOWN_CREDENTIAL, null, null, null)))).isEqualTo(Problem.UNKNOWN_CREDENTIAL);
        assertThat(PasskeyException.problemOf(new IllegalArgumentException("bad base64"))).isEqualTo(Problem.INVALID);
    }
}

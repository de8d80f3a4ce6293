package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PostMapping;
import org.vaultmail.auth.mfa.RequiresRecentAuthentication;

/** The counter rule of WebAuthn §7.2 step 21 on crafted authenticator data, and sudo mode on every passkey change. */
class SignatureCounterTest {

    @Test
    void theCounterIsReadBigEndianAfterTheRpIdHashAndTheFlags() {
        assertThat(SignatureCounter.of(authenticatorData(0x01020304L))).isEqualTo(0x01020304L);
        assertThat(SignatureCounter.of(authenticatorData(0xFFFFFFFEL))).isEqualTo(0xFFFFFFFEL);
        assertThatThrownBy(() -> SignatureCounter.of(new byte[36])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCounterThatDoesNotMoveForwardIsARegression() {
        assertThat(SignatureCounter.regressed(5, 4)).isFalse();
        assertThat(SignatureCounter.regressed(4, 4)).as("the same counter twice: a clone used in parallel").isTrue();
        assertThat(SignatureCounter.regressed(3, 4)).isTrue();
        assertThat(SignatureCounter.regressed(0, 4)).as("a clone that starts again at zero").isTrue();
    }

    @Test
    void authenticatorsWithoutACounterAreNotRegressions() {
        // WebAuthn allows authenticators that always send 0 (many synced passkeys): nothing to compare
        assertThat(SignatureCounter.regressed(0, 0)).isFalse();
    }

    @Test
    void everyPasskeyChangeNeedsARecentProofOfIdentity() {
        Method[] posts = Arrays.stream(PasskeySettingsController.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(PostMapping.class)).toArray(Method[]::new);
        assertThat(posts).hasSize(6); // add (2), remove, and sign-in with the passkey on (2) and off (ADR 0051)
        for (Method m : posts) {
            assertThat(m.isAnnotationPresent(RequiresRecentAuthentication.class)).as(m.getName()).isTrue();
        }
    }

    private static byte[] authenticatorData(long counter) {
        byte[] data = new byte[37];
        data[32] = 0x05; // UP and UV
        for (int i = 0; i < 4; i++) data[33 + i] = (byte) (counter >>> (24 - 8 * i));
        return data;
    }
}

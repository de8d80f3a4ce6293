package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toStringNeverShowsTheValue() {
        Secret secret = Secret.ofUtf8("canary-7f3a9");
        assertThat(secret.toString()).isEqualTo("[PROTECTED]").doesNotContain("canary");
        assertThat(String.valueOf(secret)).doesNotContain("canary");
    }

    @Test
    void copiesBytesInAndOut() {
        byte[] source = {1, 2, 3};
        Secret secret = Secret.copyOf(source);
        source[0] = 9;
        byte[] out = secret.revealBytes();
        assertThat(out).containsExactly(1, 2, 3);
        out[1] = 9;
        assertThat(secret.revealBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void closeZeroesAndForbidsReads() {
        Secret secret = Secret.ofChars("hunter2".toCharArray());
        secret.close();
        assertThat(secret).extracting("bytes", InstanceOfAssertFactories.BYTE_ARRAY).as("the held bytes after close")
                .hasSize("hunter2".length()).containsOnly(0);
        assertThat(secret.isDestroyed()).isTrue();
        assertThatThrownBy(secret::revealBytes).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void comparesByContent() {
        assertThat(Secret.ofUtf8("same").sameAs(Secret.ofUtf8("same"))).isTrue();
        assertThat(Secret.ofUtf8("same").sameAs(Secret.ofUtf8("diff"))).isFalse();
    }

    @Test
    void roundTripsNonAsciiText() {
        Secret secret = Secret.ofChars("pässwörd✓".toCharArray());
        assertThat(new String(secret.revealChars())).isEqualTo("pässwörd✓");
        assertThat(secret.revealUtf8()).isEqualTo("pässwörd✓");
    }
}

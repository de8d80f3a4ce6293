package org.vaultmail.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 4648 §10's base32 vectors (without padding, as authenticator apps take secrets), and strict decoding. */
class Base32Test {

    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void rfc4648VectorsWithoutPadding(String text, String base32) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.encode(bytes)).isEqualTo(base32);
        assertThat(Base32.decode(base32)).isEqualTo(bytes);
    }

    @Test
    void everyLengthRoundTripsAndHumansMayTypeLowerCaseSpacesDashesAndPadding() {
        Random random = new Random(4648);
        for (int n = 0; n <= 64; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            String text = Base32.encode(bytes);
            assertThat(text).matches("[A-Z2-7]*");
            assertThat(Base32.decode(text)).isEqualTo(bytes);
        }
        assertThat(Base32.decode("mzxw 6ytb-oi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void charactersOutsideTheAlphabetAreRefusedNotSkipped() {
        assertThatThrownBy(() -> Base32.decode("MZXW6YTB0I")).isInstanceOf(IllegalArgumentException.class); // zero, not O
        assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZ.XW")).isInstanceOf(IllegalArgumentException.class);
    }
}

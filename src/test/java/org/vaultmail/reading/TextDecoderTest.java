package org.vaultmail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TextDecoderTest {

    @Test
    void decodesDeclaredCharsets() {
        assertThat(TextDecoder.decode("Grüße".getBytes(StandardCharsets.ISO_8859_1), "ISO-8859-1")).isEqualTo("Grüße");
        assertThat(TextDecoder.decode("Ωμέγα".getBytes(Charset.forName("ISO-8859-7")), "iso-8859-7")).isEqualTo("Ωμέγα");
        assertThat(TextDecoder.decode("Привет".getBytes(Charset.forName("windows-1251")), "Windows-1251")).isEqualTo("Привет");
        assertThat(TextDecoder.decode("Привет".getBytes(Charset.forName("KOI8-R")), "koi8-r")).isEqualTo("Привет");
        assertThat(TextDecoder.decode("日本語のメール".getBytes(Charset.forName("ISO-2022-JP")), "ISO-2022-JP")).isEqualTo("日本語のメール");
        assertThat(TextDecoder.decode("日本語".getBytes(Charset.forName("Shift_JIS")), "shift-jis")).isEqualTo("日本語");
        assertThat(TextDecoder.decode("한국어".getBytes(Charset.forName("x-windows-949")), "ks_c_5601-1987")).isEqualTo("한국어");
    }

    @Test
    void latin1IsReadAsWindows1252LikeBrowsersDo() {
        byte[] euroAndQuotes = {(byte) 0x80, ' ', (byte) 0x93, 'x', (byte) 0x94};
        assertThat(TextDecoder.decode(euroAndQuotes, "iso-8859-1")).isEqualTo("€ “x”");
    }

    @Test
    void brokenOrMissingDeclarationsFallBackSensibly() {
        byte[] utf8 = "naïve café".getBytes(StandardCharsets.UTF_8);
        assertThat(TextDecoder.decode(utf8, null)).isEqualTo("naïve café");
        assertThat(TextDecoder.decode(utf8, "x-unknown-charset")).isEqualTo("naïve café");
        assertThat(TextDecoder.decode(utf8, "\"utf-8\"")).isEqualTo("naïve café");
        assertThat(TextDecoder.decode(utf8, "us-ascii")).as("mislabelled UTF-8").isEqualTo("naïve café");
        assertThat(TextDecoder.decode(utf8, "utf8")).isEqualTo("naïve café");
        byte[] latin1 = "naïve café".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(TextDecoder.decode(latin1, "utf-8")).as("declared UTF-8 but Latin-1").isEqualTo("naïve café");
        assertThat(TextDecoder.decode(latin1, "bogus;;")).isEqualTo("naïve café");
        assertThat(TextDecoder.decode(new byte[0], "utf-8")).isEmpty();
    }
}

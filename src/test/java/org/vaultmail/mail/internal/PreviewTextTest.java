package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Previews from heads cut anywhere: never an exception, never a replacement character. */
class PreviewTextTest {

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void quotedPrintableCutInAnEscapeOrSoftBreakDropsTheRest() {
        assertThat(PreviewText.of(ascii("Gr=C3=BC=C3=9Fe=\r\n da=C3"), false, "quoted-printable", "UTF-8", false)).isEqualTo("Grüße da");
        assertThat(PreviewText.of(ascii("abc=C"), false, "quoted-printable", "UTF-8", false)).isEqualTo("abc");
        assertThat(PreviewText.of(ascii("abc="), false, "quoted-printable", "UTF-8", false)).isEqualTo("abc");
        assertThat(PreviewText.of(ascii("abc=\r"), false, "quoted-printable", "UTF-8", false)).isEqualTo("abc");
        assertThat(PreviewText.of(ascii("100=ZZ ok"), false, "Quoted-Printable", "UTF-8", false)).isEqualTo("100=ZZ ok");
    }

    @Test
    void base64CutInAQuantumOrACharacter() {
        String encoded = Base64.getMimeEncoder().encodeToString("Ä€".repeat(40).getBytes(StandardCharsets.UTF_8));
        for (int cut = 1; cut < encoded.length(); cut += 7) {
            String preview = PreviewText.of(ascii(encoded.substring(0, cut)), false, "base64", "utf-8", false);
            if (preview != null) assertThat(preview).matches("(Ä€)*Ä?…?");
        }
    }

    @Test
    void utf8CutInACharacterUnlessComplete() {
        byte[] bytes = "café ü".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        assertThat(PreviewText.of(cut, false, "8bit", "UTF-8", false)).isEqualTo("café");
        assertThat(PreviewText.of(cut, false, null, null, false)).isEqualTo("café");
        assertThat(PreviewText.of("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), true, null, "x-unknown", false))
                .as("undeclared or unknown charset, not UTF-8: windows-1252").isEqualTo("café");
        assertThat(PreviewText.of(new byte[] {(byte) 0x80, ' ', 'a'}, true, null, "bogus\"name", false)).isEqualTo("€ a");
    }

    @Test
    void htmlLosesTagsHeadAndStylesEvenWhenCutInATag() {
        assertThat(PreviewText.of(ascii("<html><head><style>p{}</style><title>t</title></head><body><p>Hi&nbsp;<b>there</b> &amp; you</p><img src="),
                false, null, "UTF-8", true)).isEqualTo("Hi there & you");
        assertThat(PreviewText.of(ascii("<html><head><style>p { color: red"), false, null, "UTF-8", true)).isNull();
    }

    @Test
    void longTextIsCutAt160CharactersAndWhitespaceCollapsed() {
        String preview = PreviewText.of(ascii("word   \r\n\t".repeat(60)), false, "7bit", "us-ascii", false);
        assertThat(preview).hasSizeBetween(PreviewText.MAX_CHARS - 5, PreviewText.MAX_CHARS + 1).endsWith("…").doesNotContain("  ");
        assertThat(PreviewText.of(ascii(" \r\n "), true, null, null, false)).isNull();
    }
}

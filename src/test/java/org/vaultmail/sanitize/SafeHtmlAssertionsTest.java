package org.vaultmail.sanitize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The corpus checks must be able to fail: each of these outputs would be a sanitiser bug. */
class SafeHtmlAssertionsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<p onclick=\"alert(1)\">x</p>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;ava&#x09;script:alert(1)\">x</a>",
            "<a href=\"/relative\">x</a>",
            "<img src=\"https://evil.test/x.png\">",
            "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
            "<img src=\"cid:x@example.test\" srcset=\"https://evil.test/a.png 2x\">",
            "<table><tr><td background=\"https://evil.test/b.png\">x</td></tr></table>",
            "<div style=\"background:url(https://evil.test/c.png)\">x</div>",
            "<div style=\"background:u\\72l(https://evil.test/c.png)\">x</div>",
            "<div style=\"background-image:image-set('x.png' 1x)\">x</div>",
            "<div style=\"position:fixed\">x</div>",
            "<svg><animate attributeName=\"href\"></animate></svg>",
            "<form><input></form>",
            "<meta http-equiv=\"refresh\" content=\"0\">",
            "<base href=\"https://evil.test/\">",
            "<p title=\"vbscript:x\">x</p>",
    })
    void unsafeOutputIsRejected(String output) {
        assertThatThrownBy(() -> SafeHtmlAssertions.assertSafe(output, RecordingRewriter.blockingRemote()))
                .isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p style=\"color:#333;text-align:center\">x</p>",
            "<a href=\"https://example.test/\" target=\"_blank\" rel=\"noopener noreferrer\">x</a>",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
    })
    void safeOutputPasses(String output) {
        assertThatCode(() -> SafeHtmlAssertions.assertSafe(output, RecordingRewriter.blockingRemote())).doesNotThrowAnyException();
    }
}

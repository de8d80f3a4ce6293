package org.vaultmail.sanitize;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Seeded random soup of the pieces hostile mail is made of (tags from dangerous namespaces, handlers,
 * schemes with entity/whitespace noise, CSS escapes, broken quotes and comments): thousands of inputs
 * no one wrote by hand, each held to the corpus checks (text nodes may mention a scheme: inert text).
 * Deterministic, so a failure replays.
 */
class RandomMarkupTest {

    private static final List<String> PIECES = List.of(
            "<svg>", "</svg>", "<math>", "<mtext>", "<mglyph>", "<style>", "</style>", "<noscript>", "</noscript>",
            "<textarea>", "</textarea>", "<table>", "<td ", "<tr>", "<a ", "<img ", "<div ", "<p ", "<body ",
            "<animate ", "<set ", "<feImage ", "<base ", "<meta ", "<form ", "<iframe ", "<template>", "<!--", "-->",
            "<![CDATA[", "]]>", ">", "/>", "\"", "'", "`", "=", " ", "\t", "\n", "&#x09;", "&#106;", "&colon;",
            "&Tab;", "&NewLine;", "&quot;", "&lt;", "&gt;",
            "href=", "src=", "background=", "style=", "onerror=", "onload=", "attributeName=href ", "values=",
            "to=", "xlink:href=", "srcset=", "http-equiv=refresh ", "content=", "target=_top ",
            "javascript:alert(1)", "java&#x09;script:", "JaVaScRiPt:", "vbscript:", "data:text/html,",
            "data:image/svg+xml,", "data:image/png;base64,iVBORw0KGgo=", "cid:x@example.test",
            "https://evil.test/r.png", "//evil.test/r.png", "https:\\\\evil.test\\r.png", "https:evil.test/r",
            "url(", ")", "u\\72l(", "u\\rl(", "image-set(", "var(--x,", "expression(", "@import ", "\\",
            "background:", "background-image:", "list-style-image:", "position:fixed;", ";", "x");

    private final MailHtmlSanitizer sanitizer = new MailHtmlSanitizer();

    @Test
    void randomHostileSoupComesOutInert() {
        Random random = new Random(20261122L);
        for (int i = 0; i < 2000; i++) {
            StringBuilder html = new StringBuilder();
            int pieces = 4 + random.nextInt(40);
            for (int p = 0; p < pieces; p++) html.append(PIECES.get(random.nextInt(PIECES.size())));
            RecordingRewriter blocking = RecordingRewriter.blockingRemote();
            SafeHtmlAssertions.assertSafeMarkup(sanitizer.sanitize(html.toString(), blocking).html(), blocking);
            RecordingRewriter proxying = RecordingRewriter.proxyingRemote();
            SafeHtmlAssertions.assertSafeMarkup(sanitizer.sanitize(html.toString(), proxying).html(), proxying);
        }
    }
}

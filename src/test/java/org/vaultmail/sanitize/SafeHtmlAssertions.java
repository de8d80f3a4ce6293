package org.vaultmail.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Checks a sanitiser output as text, the way a browser will read it: parsed by a real HTML5 parser
 * (jsoup), every element, attribute, URL and CSS {@code url()} inspected after entity and CSS-escape
 * decoding. The rewriter tells which resource URLs the sanitiser legitimately produced.
 */
final class SafeHtmlAssertions {

    static final Set<String> FORBIDDEN_ELEMENTS = Set.of(
            "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
            "select", "textarea", "option", "base", "meta", "link", "svg", "math", "animate", "set", "feimage",
            "image", "use", "noscript", "template", "video", "audio", "source", "track", "picture", "portal",
            "marquee", "isindex", "keygen", "xmp", "plaintext", "noembed", "noframes");
    private static final Set<String> URL_ATTRIBUTES = Set.of("src", "background", "lowsrc", "dynsrc", "poster",
            "data", "action", "formaction", "cite", "longdesc", "usemap", "codebase", "ping", "srcset", "xlink:href");
    static final Pattern DATA_IMAGE = Pattern.compile("data:image/(png|gif|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)['\"]?\\s*\\)");
    private static final Pattern CSS_ESCAPE = Pattern.compile("\\\\([0-9a-fA-F]{1,6}\\s?|.)");
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\x00-\\x1f\\x7f\\u00ad\\u200b-\\u200f\\u2028\\u2029\\ufeff]+");

    private SafeHtmlAssertions() {
    }

    private static final String[] SCRIPT_SCHEMES = {"javascript:", "vbscript:", "data:text", "livescript:", "data:image/svg"};

    /**
     * Everything a hostile mail must not achieve, asserted on {@code html} as produced for {@code rewriter};
     * strictest form: no script scheme anywhere in the entity-decoded output, text included.
     */
    static void assertSafe(String html, RecordingRewriter rewriter) {
        assertSafeMarkup(html, rewriter);
        String decoded = squash(Parser.unescapeEntities(html, true));
        for (String scheme : SCRIPT_SCHEMES) {
            assertThat(decoded).as("%s after entity decoding in %s", scheme, html).doesNotContain(scheme);
        }
    }

    /** As {@link #assertSafe} except that text nodes may mention a scheme (inert text, as in random soup). */
    static void assertSafeMarkup(String html, RecordingRewriter rewriter) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().getAllElements()) {
            assertThat(FORBIDDEN_ELEMENTS).as("element <%s> in %s", e.normalName(), html).doesNotContain(e.normalName());
            for (Attribute a : e.attributes()) {
                assertSafeAttribute(e, a, rewriter, html);
                for (String scheme : SCRIPT_SCHEMES) {
                    assertThat(squash(decodeCssEscapes(a.getValue()))).as("%s in an attribute of %s", scheme, html)
                            .doesNotContain(scheme);
                }
            }
        }
    }

    private static void assertSafeAttribute(Element e, Attribute a, RecordingRewriter rewriter, String html) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        String value = a.getValue();
        assertThat(name).as("event handler on <%s> in %s", e.normalName(), html).doesNotStartWith("on");
        assertThat(name).as("attribute %s in %s", name, html).isNotIn("srcset", "formaction", "action", "xlink:href",
                "http-equiv", "ping", "poster", "data", "lowsrc", "dynsrc", "usemap", "codebase");
        if (name.equals("href")) {
            assertThat(squash(value)).as("href in %s", html).matches("(https?://|mailto:).*");
        } else if (name.equals("src") || name.equals("background")) {
            assertResource(value, rewriter, html);
        } else if (name.equals("style")) {
            assertSafeStyle(value, rewriter, html);
        } else if (URL_ATTRIBUTES.contains(name)) {
            throw new AssertionError("unexpected URL attribute " + name + " in " + html);
        }
        if (name.equals("target")) assertThat(value).isEqualTo("_blank");
    }

    private static void assertSafeStyle(String style, RecordingRewriter rewriter, String html) {
        String css = squash(decodeCssEscapes(style));
        for (String bad : new String[] {"expression(", "@import", "var(", "image-set(", "behavior", "-moz-binding",
                "javascript:", "position:fixed", "position:absolute", "cursor:"}) {
            assertThat(css).as("%s in style of %s", bad, html).doesNotContain(bad);
        }
        Matcher m = CSS_URL.matcher(decodeCssEscapes(style));
        while (m.find()) assertResource(m.group(1), rewriter, html);
        assertThat(css.replaceAll("url\\([^)]*\\)", "")).as("unmatched url( in %s", html).doesNotContain("url(");
    }

    private static void assertResource(String url, RecordingRewriter rewriter, String html) {
        assertThat(rewriter.issued.contains(url) || DATA_IMAGE.matcher(url).matches())
                .as("resource %s did not come from the rewriter (issued %s) in %s", url, rewriter.issued, html)
                .isTrue();
    }

    static String decodeCssEscapes(String css) {
        Matcher m = CSS_ESCAPE.matcher(css);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String esc = m.group(1);
            String hex = esc.strip();
            String replacement = hex.matches("[0-9a-fA-F]{1,6}")
                    ? Character.toString(Math.min(Integer.parseInt(hex, 16), 0x10FFFF)) : esc;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Lower case without whitespace and invisible characters, so {@code java\tscript:} reads as the browser reads it. */
    static String squash(String s) {
        return INVISIBLE.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    }
}

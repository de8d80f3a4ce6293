package org.vaultmail.compose;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The composer's text as HTML (ADR 0016): CommonMark with raw HTML escaped (never passed through) and unsafe
 * link schemes dropped, so the HTML part says what the plain part says and nothing the user did not type.
 * {@code > } quotes become blockquotes, line breaks are kept.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).softbreak("<br>\n").build();

    private Markdown() {
    }

    static String toHtml(String text) {
        return toHtml(text, "");
    }

    /** {@code text} rendered, then {@code trustedHtml} (already sanitised, e.g. a quoted original) as it is. */
    static String toHtml(String text, String trustedHtml) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + RENDERER.render(PARSER.parse(text))
                + trustedHtml + "</body></html>";
    }
}

package org.vaultmail.sanitize;

import java.util.List;

import org.owasp.html.CssSchema;

/**
 * The CSS a message's {@code style} attributes may use: OWASP's default schema (text, colours, borders,
 * box sizes, backgrounds, tables) plus the layout properties newsletters rely on. Not allowed: positioning
 * (an overlay could imitate Vaultmail's own UI), {@code cursor} and {@code content} (they take URLs or text
 * of their own), {@code behavior}/{@code expression()} and anything else the library does not know.
 */
final class MailCss {

    static final CssSchema SCHEMA = CssSchema.union(
            CssSchema.DEFAULT,
            CssSchema.withProperties(List.of(
                    "display", "float", "clear", "overflow", "visibility", "opacity", "word-break", "overflow-wrap")));

    private MailCss() {
    }
}

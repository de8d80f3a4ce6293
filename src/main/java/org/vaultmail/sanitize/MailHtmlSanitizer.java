package org.vaultmail.sanitize;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.owasp.html.AttributePolicy;
import org.owasp.html.CssSchema;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Sanitises the HTML of a mail by an allow-list (OWASP Java HTML Sanitizer, ADR 0011): layout and text
 * elements, tables, inline styles through the library's CSS filter; no scripts, event handlers, forms,
 * frames, {@code <base>} or {@code <meta>}. Every resource URL goes through a {@link ResourceRewriter}:
 * {@code cid:} to the message's own parts, remote http(s) to the image proxy or nowhere. Links keep only
 * http, https and mailto, and open in a new browsing context without referrer.
 */
public final class MailHtmlSanitizer {

    private static final List<String> TEXT_ELEMENTS = List.of(
            "a", "abbr", "address", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite", "code",
            "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2",
            "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
            "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
            "tt", "u", "ul", "var", "wbr");

    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,4}(%|px)?");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,20}");
    private static final Pattern LINK = Pattern.compile("(?i)(https?:|mailto:)[^\\s]*");

    /** Sanitises {@code html}; resources are kept only where {@code resources} gives a URL for them. */
    public SanitizedHtml sanitize(String html, ResourceRewriter resources) {
        Tracker tracker = new Tracker(resources);
        String safe = policy(tracker).sanitize(html);
        return new SanitizedHtml(safe, tracker.blocked);
    }

    private static PolicyFactory policy(Tracker tracker) {
        return new HtmlPolicyBuilder()
                .allowElements(TEXT_ELEMENTS.toArray(String[]::new))
                .allowStyling(CssSchema.DEFAULT)
                .allowAttributes("title", "dir", "lang").globally()
                .allowAttributes("align", "valign").matching(Pattern.compile("(?i)left|right|center|justify|top|middle|bottom|baseline"))
                .onElements("p", "div", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "col", "colgroup", "img", "h1",
                        "h2", "h3", "h4", "h5", "h6", "caption", "hr")
                .allowAttributes("width", "height").matching(LENGTH).onElements("table", "td", "th", "col", "img", "hr")
                .allowAttributes("border", "cellpadding", "cellspacing", "colspan", "rowspan").matching(Pattern.compile("[0-9]{1,3}"))
                .onElements("table", "td", "th")
                .allowAttributes("bgcolor").matching(COLOR).onElements("table", "tr", "td", "th", "body")
                .allowAttributes("color").matching(COLOR).onElements("font")
                .allowAttributes("face").matching(Pattern.compile("[\\w ,'\"-]{1,100}")).onElements("font")
                .allowAttributes("size").matching(Pattern.compile("[+-]?[1-7]")).onElements("font")
                .allowAttributes("alt").onElements("img")
                .allowAttributes("src").matching((AttributePolicy) (element, attribute, value) -> tracker.resource(value))
                .onElements("img")
                .allowAttributes("href").matching(LINK).onElements("a")
                .allowUrlProtocols("http", "https", "mailto", "cid")
                .requireRelsOnLinks("noopener", "noreferrer")
                .allowAttributes("target").matching(Pattern.compile("_blank")).onElements("a")
                .toFactory();
    }

    /** Rewrites resource URLs for one sanitising run and remembers whether a remote one was blocked. */
    private static final class Tracker {
        private final ResourceRewriter resources;
        boolean blocked;

        Tracker(ResourceRewriter resources) {
            this.resources = resources;
        }

        @Nullable String resource(String value) {
            String url = value.strip();
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("cid:")) {
                String id = url.substring(4);
                if (id.startsWith("<") && id.endsWith(">") && id.length() > 2) id = id.substring(1, id.length() - 1);
                return resources.inline(id);
            }
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("//")) {
                String absolute = lower.startsWith("//") ? "https:" + url : url;
                String rewritten = resources.remote(absolute);
                if (rewritten == null) blocked = true;
                return rewritten;
            }
            return null;
        }
    }
}

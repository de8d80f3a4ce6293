package org.vaultmail.sanitize;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The allow-list for mail HTML (ADR 0011), built once: resource URLs go to the two functions given to
 * {@link #build}, which find the {@link ResourceTracker} of the current run, so the factory itself holds
 * no per-message state.
 */
final class MailPolicy {

    static final List<String> ELEMENTS = List.of(
            "a", "abbr", "address", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite", "code",
            "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2",
            "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
            "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
            "tt", "u", "ul", "var", "wbr");

    private static final String[] ALIGNABLE = {"p", "div", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "col",
            "colgroup", "img", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "hr"};
    private static final Pattern ALIGN = Pattern.compile("(?i)left|right|center|justify|top|middle|bottom|baseline");
    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,2})?(%|px)?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,3}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,20}");
    private static final Pattern FONT_FACE = Pattern.compile("[\\w ,'\"-]{1,100}");
    private static final Pattern FONT_SIZE = Pattern.compile("[+-]?[1-7]");
    private static final Pattern DIR = Pattern.compile("(?i)ltr|rtl|auto");
    private static final Pattern SCRIPT_NOISE = Pattern.compile("[\\s\\x00-\\x1f\\x7f\\u00ad\\u200b-\\u200f\\u2028\\u2029\\ufeff]+");
    private static final Pattern SCRIPT_SCHEME = Pattern.compile("javascript:|vbscript:|livescript:|data:text|data:image/svg");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}");

    private MailPolicy() {
    }

    static PolicyFactory build(Function<String, @Nullable String> image, Function<String, @Nullable String> background) {
        AttributePolicy imagePolicy = (element, attribute, value) -> image.apply(value);
        AttributePolicy backgroundPolicy = (element, attribute, value) -> background.apply(value);
        return new HtmlPolicyBuilder()
                .allowElements(ELEMENTS.toArray(String[]::new))
                .allowElements(MailPolicy::linkInNewContext, "a")
                // a whole mail document: its body's colours and background live on in a div
                .allowElements(MailPolicy::bodyAsDiv, "body")
                .allowStyling(MailCss.SCHEMA)
                .allowUrlsInStyles(backgroundPolicy)
                .allowAttributes("title").matching(MailPolicy::plainAttributeText).globally()
                .allowAttributes("dir").matching(DIR).globally()
                .allowAttributes("lang").matching(LANG).globally()
                .allowAttributes("align", "valign").matching(ALIGN).onElements(ALIGNABLE)
                .allowAttributes("width", "height").matching(LENGTH).onElements("table", "td", "th", "col", "img", "hr")
                .allowAttributes("border", "cellpadding", "cellspacing", "colspan", "rowspan").matching(NUMBER)
                .onElements("table", "td", "th", "img")
                .allowAttributes("nowrap").matching(Pattern.compile("(?i)nowrap|")).onElements("td", "th")
                .allowAttributes("bgcolor").matching(COLOR).onElements("table", "tr", "td", "th", "body")
                .allowAttributes("background").matching(backgroundPolicy).onElements("table", "tr", "td", "th", "body")
                .allowAttributes("color").matching(COLOR).onElements("font")
                .allowAttributes("face").matching(FONT_FACE).onElements("font")
                .allowAttributes("size").matching(FONT_SIZE).onElements("font")
                .allowAttributes("alt").matching(MailPolicy::plainAttributeText).onElements("img")
                .allowAttributes("src").matching(imagePolicy).onElements("img")
                .allowAttributes("href").matching((AttributePolicy) (element, attribute, value) -> link(value))
                .onElements("a")
                .allowUrlProtocols("http", "https", "mailto", "cid", "data")
                .requireRelsOnLinks("noopener", "noreferrer")
                .withPreprocessor(TagPreprocessor::new)
                .toFactory();
    }

    /**
     * Title and alt text is inert, but one that spells a script URL is dropped anyway: nothing in a mail
     * needs it, and it cannot then be turned into a link by a later re-parse or by code that copies it.
     */
    private static @Nullable String plainAttributeText(String element, String attribute, String value) {
        String squashed = SCRIPT_NOISE.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
        return SCRIPT_SCHEME.matcher(squashed).find() ? null : value;
    }

    /** Only http, https and mailto links, written as the browser would read them; relative ones would navigate inside Vaultmail. */
    static @Nullable String link(String raw) {
        String url = UrlText.clean(raw);
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("mailto:") ? url : UrlText.absoluteHttp(url);
    }

    /**
     * A mail's {@code <body>} becomes a {@code <div>}; its legacy {@code bgcolor} and {@code background}
     * (already checked by their attribute policies) move into its style, where a div still honours them.
     */
    private static String bodyAsDiv(String element, List<String> attributes) {
        StringBuilder legacy = new StringBuilder();
        String own = "";
        for (int i = attributes.size() - 2; i >= 0; i -= 2) {
            String name = attributes.get(i);
            String value = attributes.get(i + 1);
            switch (name) {
                case "bgcolor" -> legacy.append("background-color:").append(value).append(';');
                case "background" -> legacy.append("background-image:url('").append(value).append("');");
                case "style" -> own = value;
                default -> {
                    continue;
                }
            }
            attributes.remove(i + 1);
            attributes.remove(i);
        }
        String style = legacy + own; // the body's own style wins over its legacy attributes
        if (!style.isEmpty()) {
            attributes.add("style");
            attributes.add(style);
        }
        return "div";
    }

    /** Every remaining link opens outside the reading frame (the sandbox allows popups, not top navigation). */
    private static @Nullable String linkInNewContext(String element, List<String> attributes) {
        for (int i = attributes.size() - 2; i >= 0; i -= 2) {
            if (attributes.get(i).equals("target")) {
                attributes.remove(i + 1);
                attributes.remove(i);
            }
        }
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals("href")) {
                attributes.add("target");
                attributes.add("_blank");
                break;
            }
        }
        return element;
    }
}

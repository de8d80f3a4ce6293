package org.vaultmail.sanitize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a plain-text body as an HTML fragment: every character escaped, http(s) and mailto links (and
 * bare {@code www.} hosts) made clickable in a new browsing context without referrer.
 */
public final class PlainTextRenderer {

    private static final Pattern LINK = Pattern.compile(
            "(?i)\\b(?:(?:https?://|mailto:)[^\\s<>\"']+|www\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+[^\\s<>\"']*)");

    private PlainTextRenderer() {
    }

    public static String toHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        Matcher m = LINK.matcher(text);
        int last = 0;
        while (m.find()) {
            String link = trimTrailingPunctuation(m.group());
            int end = m.start() + link.length();
            escape(text.substring(last, m.start()), out);
            String href = link.regionMatches(true, 0, "www.", 0, 4) ? "https://" + link : link;
            out.append("<a href=\"");
            escape(href, out);
            out.append("\" target=\"_blank\" rel=\"noopener noreferrer\">");
            escape(link, out);
            out.append("</a>");
            last = end;
        }
        escape(text.substring(last), out);
        return out.toString();
    }

    /** A sentence's final period or a closing bracket is rarely part of the link. */
    private static String trimTrailingPunctuation(String link) {
        int end = link.length();
        while (end > 0 && ".,;:!?)]}'\"".indexOf(link.charAt(end - 1)) >= 0) end--;
        return link.substring(0, end);
    }

    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}

package org.vaultmail.sanitize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a plain-text body as an HTML fragment: every character escaped, http(s) and mailto links (and
 * bare {@code www.} hosts) made clickable in a new browsing context without referrer, and {@code >} quote
 * levels shown as nested {@code <blockquote>}s. Line breaks stay as they are (show the result with
 * {@code white-space: pre-wrap}). No other scheme ever becomes a link.
 */
public final class PlainTextRenderer {

    private static final Pattern LINK = Pattern.compile(
            "(?i)\\b(?:(?:https?://|mailto:)[^\\s<>\"'`]+|www\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+[^\\s<>\"'`]*)");
    /** A line's quote markers: {@code >}, {@code > >}, {@code >>} … */
    private static final Pattern QUOTE_MARKERS = Pattern.compile("^(?:>[ \\t]?)+");

    private PlainTextRenderer() {
    }

    public static String toHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int depth = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher q = QUOTE_MARKERS.matcher(line);
            int level = q.find() ? countMarkers(q.group()) : 0;
            for (; depth < level; depth++) out.append("<blockquote>");
            for (; depth > level; depth--) out.append("</blockquote>");
            linkify(level > 0 ? line.substring(q.end()) : line, out);
            if (i + 1 < lines.length) out.append('\n');
        }
        for (; depth > 0; depth--) out.append("</blockquote>");
        return out.toString();
    }

    private static int countMarkers(String markers) {
        return (int) markers.chars().filter(c -> c == '>').count();
    }

    private static void linkify(String text, StringBuilder out) {
        Matcher m = LINK.matcher(text);
        int last = 0;
        while (m.find()) {
            String link = trimTrailingPunctuation(m.group());
            if (link.length() <= "mailto:".length() && !link.regionMatches(true, 0, "www.", 0, 4)) continue;
            escape(text.substring(last, m.start()), out);
            String href = link.regionMatches(true, 0, "www.", 0, 4) ? "https://" + link : link;
            out.append("<a href=\"");
            escape(href, out);
            out.append("\" target=\"_blank\" rel=\"noopener noreferrer\">");
            escape(link, out);
            out.append("</a>");
            last = m.start() + link.length();
        }
        escape(text.substring(last), out);
    }

    /**
     * A sentence's final punctuation is rarely part of the link; a closing bracket is, when the link
     * opened it (Wikipedia's {@code Set_(mathematics)}), and is not when the link sits in brackets.
     */
    static String trimTrailingPunctuation(String link) {
        int end = link.length();
        while (end > 0) {
            char c = link.charAt(end - 1);
            if (".,;:!?'\"".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' || c == ']' || c == '}') {
                char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (count(link, open, end) >= count(link, c, end)) break;
                end--;
            } else {
                break;
            }
        }
        return link.substring(0, end);
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (s.charAt(i) == c) n++;
        return n;
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

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
    /** Deeper quotes are shown at this depth (browsers and readers gain nothing from more nesting). */
    private static final int MAX_QUOTE_DEPTH = 16;

    private PlainTextRenderer() {
    }

    public static String toHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int depth = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int level = 0;
            int start = 0;
            // a plain loop, not a regex: a line of 100 000 '>' must not overflow the stack
            while (start < line.length() && line.charAt(start) == '>') {
                level++;
                start++;
                if (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) start++;
            }
            level = Math.min(level, MAX_QUOTE_DEPTH);
            for (; depth < level; depth++) out.append("<blockquote>");
            for (; depth > level; depth--) out.append("</blockquote>");
            linkify(line.substring(start), out);
            if (i + 1 < lines.length) out.append('\n');
        }
        for (; depth > 0; depth--) out.append("</blockquote>");
        return out.toString();
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
        int[] opened = new int[3];
        int[] closed = new int[3];
        for (int i = 0; i < link.length(); i++) {
            int open = "([{".indexOf(link.charAt(i));
            int close = ")]}".indexOf(link.charAt(i));
            if (open >= 0) opened[open]++;
            if (close >= 0) closed[close]++;
        }
        // counts kept up to date while trimming, so a link ending in 100 000 brackets stays linear
        int end = link.length();
        while (end > 0) {
            char c = link.charAt(end - 1);
            int close = ")]}".indexOf(c);
            if (".,;:!?'\"".indexOf(c) >= 0) {
                end--;
            } else if (close >= 0 && closed[close] > opened[close]) {
                closed[close]--;
                end--;
            } else {
                break;
            }
        }
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

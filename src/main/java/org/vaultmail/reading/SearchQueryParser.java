package org.vaultmail.reading;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.SearchQuery;

/**
 * Parses the search box: {@code from:ann subject:"weekly report" is:unread is:flagged has:attachment
 * after:2024-01-31 before:2024-03-01 to:bob} plus free words, which match the subject or body. Quotes group
 * words. Unknown {@code key:value} pairs are searched as free text, so nothing the user typed is dropped.
 * The result is data only: the mail module quotes every value before it reaches IMAP.
 */
public final class SearchQueryParser {

    private SearchQueryParser() {
    }

    /** Null for a blank query (list everything). */
    public static @Nullable SearchQuery parse(@Nullable String q) {
        if (q == null || q.isBlank()) return null;
        SearchQuery query = SearchQuery.all();
        List<String> free = new ArrayList<>();
        for (String token : tokens(q)) {
            int colon = token.indexOf(':');
            String key = colon > 0 ? token.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String value = colon > 0 ? unquote(token.substring(colon + 1)) : unquote(token);
            if (value.isEmpty() && colon > 0) continue;
            switch (key) {
                case "from" -> query = query.withFrom(value);
                case "to" -> query = query.withTo(value);
                case "subject" -> query = query.withSubject(value);
                case "body" -> query = query.withBody(value);
                case "is" -> {
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "unread" -> query = query.onlyUnread();
                        case "flagged", "starred" -> query = query.onlyFlagged();
                        default -> free.add(token);
                    }
                }
                case "has" -> {
                    if (value.equalsIgnoreCase("attachment") || value.equalsIgnoreCase("attachments")) query = query.onlyWithAttachments();
                    else free.add(token);
                }
                case "after", "since" -> {
                    LocalDate d = date(value);
                    if (d == null) free.add(token);
                    else query = query.withDates(d, query.before());
                }
                case "before" -> {
                    LocalDate d = date(value);
                    if (d == null) free.add(token);
                    else query = query.withDates(query.since(), d);
                }
                default -> free.add(unquote(token));
            }
        }
        if (!free.isEmpty()) query = query.withText(String.join(" ", free));
        return query;
    }

    private static @Nullable LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Splits on whitespace, keeping "quoted phrases" (also after a key:) together. */
    static List<String> tokens(String q) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) tokens.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) tokens.add(current.toString());
        return tokens;
    }

    private static String unquote(String s) {
        String v = s.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        return v.replace("\"", "").strip();
    }
}

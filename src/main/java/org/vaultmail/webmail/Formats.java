package org.vaultmail.webmail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Sizes and dates as the list and the reading pane show them. Dates are rendered in UTC on the server and
 * carried as ISO instants in {@code <time datetime>}; app.js re-renders them in the browser's time zone.
 */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private Formats() {
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return Math.round(bytes / 1024.0) + " KB";
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** Today: the time; this year: day and month; older: with the year. */
    static String shortDate(@Nullable Instant date, Instant now, Locale locale) {
        if (date == null) return "";
        ZonedDateTime d = date.atZone(ZoneOffset.UTC);
        ZonedDateTime n = now.atZone(ZoneOffset.UTC);
        if (d.toLocalDate().equals(n.toLocalDate())) return TIME.format(d);
        if (d.getYear() == n.getYear()) return DateTimeFormatter.ofPattern("d MMM", locale).format(d);
        return DateTimeFormatter.ofPattern("d MMM yyyy", locale).format(d);
    }

    static String longDate(@Nullable Instant date, Locale locale) {
        if (date == null) return "";
        return DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", locale).format(date.atZone(ZoneOffset.UTC));
    }

    static String iso(@Nullable Instant date) {
        return date == null ? "" : DateTimeFormatter.ISO_INSTANT.format(date);
    }
}

package org.vaultmail.webmail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Dates as the list and the reading pane show them, in the request's language (CLDR skeletons, so German reads
 * "6. Dez." and French "6 déc."; sizes are {@link org.vaultmail.i18n.ByteSizes}). Dates are rendered in UTC on the
 * server and carried as ISO instants in {@code <time datetime>}; the page script (js/app/dates.js) re-renders them in the browser's time zone
 * in the page's language ({@code <html lang>}).
 */
final class Formats {

    private Formats() {
    }

    /** Today: the time; this year: day and month; older: with the year. */
    static String shortDate(@Nullable Instant date, Instant now, Locale locale) {
        if (date == null) return "";
        ZonedDateTime d = date.atZone(ZoneOffset.UTC);
        ZonedDateTime n = now.atZone(ZoneOffset.UTC);
        if (d.toLocalDate().equals(n.toLocalDate())) return DateTimeFormatter.ofLocalizedPattern("Hm").withLocale(locale).format(d);
        if (d.getYear() == n.getYear()) return DateTimeFormatter.ofLocalizedPattern("MMMd").withLocale(locale).format(d);
        return DateTimeFormatter.ofLocalizedPattern("yMMMd").withLocale(locale).format(d);
    }

    static String longDate(@Nullable Instant date, Locale locale) {
        if (date == null) return "";
        return DateTimeFormatter.ofLocalizedPattern("yMMMEdHm").withLocale(locale).format(date.atZone(ZoneOffset.UTC)) + " UTC";
    }

    static String iso(@Nullable Instant date) {
        return date == null ? "" : DateTimeFormatter.ISO_INSTANT.format(date);
    }
}

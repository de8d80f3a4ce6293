package org.vaultmail.webmail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.Sort;

/**
 * How the message list is ordered and filtered, as the URL's query carries it ({@code ?sort=subject&order=asc&q=…}).
 * Unknown values fall back to the defaults (newest first), so a hand-edited URL never fails.
 */
record ListParams(String sort, String order, String q, boolean everywhere) {

    static final List<String> SORTS = List.of("date", "arrival", "from", "subject", "size");

    ListParams {
        sort = SORTS.contains(sort.toLowerCase(Locale.ROOT)) ? sort.toLowerCase(Locale.ROOT) : "date";
        order = "asc".equalsIgnoreCase(order) ? "asc" : "desc";
        q = q.strip();
    }

    static ListParams of(@Nullable String sort, @Nullable String order, @Nullable String q) {
        return of(sort, order, q, null);
    }

    /** {@code scope=all} searches every folder (only with a query; newest first). */
    static ListParams of(@Nullable String sort, @Nullable String order, @Nullable String q, @Nullable String scope) {
        return new ListParams(sort == null ? "date" : sort, order == null ? "desc" : order, q == null ? "" : q,
                "all".equalsIgnoreCase(scope));
    }

    /** A search over every folder: a query, and the "all folders" scope. */
    public boolean searchingEverywhere() {
        return everywhere && !q.isEmpty();
    }

    public Sort sortOrder() {
        return Sort.valueOf(sort.toUpperCase(Locale.ROOT));
    }

    public boolean descending() {
        return order.equals("desc");
    }

    public boolean searching() {
        return !q.isEmpty();
    }

    public boolean isDefault() {
        return sort.equals("date") && order.equals("desc") && q.isEmpty();
    }

    /** The query string to append to a URL ("" for the defaults, else starting with {@code ?}). */
    public String query() {
        return query(null);
    }

    /** As {@link #query()}, plus an offset when it is positive. */
    String query(@Nullable Integer offset) {
        StringBuilder s = new StringBuilder();
        if (!sort.equals("date")) append(s, "sort", sort);
        if (!order.equals("desc")) append(s, "order", order);
        if (!q.isEmpty()) append(s, "q", q);
        if (searchingEverywhere()) append(s, "scope", "all");
        if (offset != null && offset > 0) append(s, "offset", Integer.toString(offset));
        return s.toString();
    }

    private static void append(StringBuilder s, String key, String value) {
        s.append(s.isEmpty() ? '?' : '&').append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}

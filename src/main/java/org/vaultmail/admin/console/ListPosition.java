package org.vaultmail.admin.console;

import org.jspecify.annotations.Nullable;

/**
 * Where a console list stands ({@code ?q=…&page=…}), bound in one piece so that an action can bring the operator back
 * to the search and page they were on. A search is cut to 320 characters; a page that is not a number is the first
 * (a hand-edited URL gets a page, not a 400).
 */
record ListPosition(@Nullable String q, @Nullable String page) {

    static final int MAX_SEARCH = 320;

    String search() {
        if (q == null) return "";
        return q.length() > MAX_SEARCH ? q.substring(0, MAX_SEARCH) : q;
    }

    int number() {
        if (page == null) return 0;
        try {
            return Math.max(0, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package org.vaultmail.webmail;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Which part of a page an htmx request wants. A request is partial only when htmx sent it for a known target;
 * a history restore (back button after the cache was skipped) and a direct load get the whole page.
 */
final class Htmx {

    static final String LIST_PANE = "list-pane";
    static final String READING_PANE = "reading-pane";
    static final String LOAD_MORE = "load-more";

    private Htmx() {
    }

    static boolean targets(HttpServletRequest request, String id) {
        return "true".equals(request.getHeader("HX-Request")) && request.getHeader("HX-History-Restore-Request") == null
                && id.equals(request.getHeader("HX-Target"));
    }

    /** The same URL answers a whole page or a fragment: caches must keep them apart. */
    static void vary(HttpServletResponse response) {
        response.addHeader("Vary", "HX-Request, HX-Target, HX-History-Restore-Request");
    }
}

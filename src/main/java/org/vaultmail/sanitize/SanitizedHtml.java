package org.vaultmail.sanitize;

/**
 * A mail body after sanitising: an HTML fragment safe to place in the reading frame, and whether any
 * remote resource was blocked (so the UI offers "show images").
 */
public record SanitizedHtml(String html, boolean remoteContentBlocked) {
}

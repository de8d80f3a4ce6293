package org.vaultmail.sanitize;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a sanitised message may load. The sanitiser asks it for every resource URL a browser would
 * fetch ({@code <img src>}, {@code background=} attributes, CSS {@code url()}); returning null drops the
 * resource. A returned URL must be root-relative ({@code /…}) or absolute http(s) and hold no whitespace,
 * quote, bracket, backtick or backslash (percent-encode them): it lands in attributes and CSS strings, and
 * anything else is dropped (counted as blocked for {@link #remote}).
 */
public interface ResourceRewriter {

    /** The URL to serve the inline part with this Content-ID (without {@code cid:} and angle brackets), or null. */
    @Nullable String inline(String contentId);

    /**
     * The URL through which to load this absolute http(s) resource (the image proxy), or null to block it;
     * a blocked remote resource sets {@link SanitizedHtml#remoteContentBlocked()}. {@code absoluteUrl} is
     * normalised as a browser reads it (scheme lower-cased, protocol-relative made https, backslashes as
     * slashes) but otherwise attacker-chosen: any host, port, user-info or characters, so encode it and let
     * the proxy decide what it may fetch.
     */
    @Nullable String remote(String absoluteUrl);

    /** Blocks every remote resource and drops inline ones. */
    static ResourceRewriter blockAll() {
        return new ResourceRewriter() {
            @Override
            public @Nullable String inline(String contentId) {
                return null;
            }

            @Override
            public @Nullable String remote(String absoluteUrl) {
                return null;
            }
        };
    }
}

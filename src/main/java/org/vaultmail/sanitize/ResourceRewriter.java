package org.vaultmail.sanitize;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a sanitised message may load. The sanitiser asks it for every resource URL it keeps
 * (images, backgrounds, CSS {@code url()}); returning null drops the resource.
 */
public interface ResourceRewriter {

    /** The URL to serve the inline part with this Content-ID (without {@code cid:} and angle brackets), or null. */
    @Nullable String inline(String contentId);

    /**
     * The URL through which to load this absolute http(s) resource (the image proxy), or null to block it;
     * a blocked remote resource sets {@link SanitizedHtml#remoteContentBlocked()}.
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

package org.vaultmail.sanitize;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides, for one sanitising run, what each resource URL of a message becomes: {@code cid:} goes to
 * {@link ResourceRewriter#inline}, remote http(s) to {@link ResourceRewriter#remote} (the proxy or
 * nothing; nothing counts as blocked), permitted {@code data:image} stays in canonical form for
 * {@code <img src>} only, anything else (relative URLs that would hit Vaultmail itself, other schemes)
 * is dropped.
 */
final class ResourceTracker {

    /** What a rewriter may hand back: a path on our origin or an absolute http(s) URL, with nothing that ends an attribute or a CSS string. */
    private static final Pattern SAFE_REWRITTEN = Pattern.compile("(?:/(?![/\\\\])|https?://)[^\\s'\"()<>\\\\`]*");

    private final ResourceRewriter rewriter;
    private boolean remoteBlocked;

    ResourceTracker(ResourceRewriter rewriter) {
        this.rewriter = rewriter;
    }

    boolean remoteBlocked() {
        return remoteBlocked;
    }

    /** {@code <img src>}: cid, remote, or an allowed {@code data:image}. */
    @Nullable String image(String raw) {
        String url = UrlText.clean(raw);
        String data = DataImageUri.canonical(url);
        return data != null ? data : fetched(url);
    }

    /** {@code background=} attributes and CSS {@code url()}: cid or remote only. */
    @Nullable String background(String raw) {
        return fetched(UrlText.clean(raw));
    }

    private @Nullable String fetched(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("cid:")) {
            return safe(rewriter.inline(UrlText.contentId(url.substring(4))), false);
        }
        String absolute = UrlText.absoluteHttp(url);
        if (absolute == null) return null;
        return safe(rewriter.remote(absolute), true);
    }

    private @Nullable String safe(@Nullable String rewritten, boolean remote) {
        if (rewritten != null && SAFE_REWRITTEN.matcher(rewritten).matches()) return rewritten;
        if (remote) remoteBlocked = true;
        return null;
    }
}

package org.vaultmail.sanitize;

import org.owasp.html.PolicyFactory;

/**
 * Sanitises the HTML of a mail by an allow-list (OWASP Java HTML Sanitizer, ADR 0011): layout and text
 * elements, tables, inline styles through the library's CSS filter; no scripts, event handlers, forms,
 * frames, {@code <style>}, {@code <base>} or {@code <meta>}. Every resource URL goes through a
 * {@link ResourceRewriter}: {@code cid:} to the message's own parts, remote http(s) to the image proxy or
 * nowhere. Links keep only http, https and mailto, and open in a new browsing context without referrer.
 * Thread-safe; the policy is built once.
 */
public final class MailHtmlSanitizer {

    /** The tracker of the run on this thread; the shared policy reads it, so the policy needs no per-call build. */
    private static final ScopedValue<ResourceTracker> CURRENT = ScopedValue.newInstance();

    private static final PolicyFactory POLICY = MailPolicy.build(
            url -> CURRENT.get().image(url),
            url -> CURRENT.get().background(url));

    /** Sanitises {@code html}; resources are kept only where {@code resources} gives a URL for them. */
    public SanitizedHtml sanitize(String html, ResourceRewriter resources) {
        ResourceTracker tracker = new ResourceTracker(resources);
        String safe = ScopedValue.where(CURRENT, tracker).call(() -> POLICY.sanitize(html));
        return new SanitizedHtml(safe, tracker.remoteBlocked());
    }
}

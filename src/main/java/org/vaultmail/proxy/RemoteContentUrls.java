package org.vaultmail.proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds same-origin URLs that load a remote resource through the proxy ({@code GET /remote?url=…}). */
public final class RemoteContentUrls {

    /** The proxy's path; authenticated like every other page. */
    public static final String PATH = "/remote";

    private RemoteContentUrls() {
    }

    /**
     * The proxy URL for an absolute http(s) URL (for an {@code img src}). Builds the URL only: whether the
     * destination may be fetched is decided when the proxy is asked, after DNS resolution.
     */
    public static String proxied(String absoluteUrl) {
        return PATH + "?url=" + URLEncoder.encode(absoluteUrl, StandardCharsets.UTF_8);
    }
}

package org.vaultmail.proxy;

import java.net.InetAddress;
import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The image proxy's destination rules for other features that connect where a user points them (the gateway's
 * webhooks, ADR 0039): the same strict URL parsing ({@link RemoteUrl}) and the same classification of addresses that
 * are not public unicast ({@link SpecialAddresses}), so both features refuse exactly the same destinations.
 */
public final class DestinationRules {

    /**
     * A strictly parsed absolute http(s) URL.
     *
     * @param literal the address an IP-literal host names, null for a DNS name (resolve it, then check every address)
     */
    public record Target(URI uri, String scheme, String host, int port, @Nullable InetAddress literal) {
    }

    private DestinationRules() {
    }

    /**
     * Parses {@code url} like the proxy does (no user info, canonical IPv4 only, bracketed IPv6 without zone).
     *
     * @throws IllegalArgumentException with a message that may be shown to the user (it names nothing but their input)
     */
    public static Target parse(String url) {
        try {
            RemoteUrl parsed = RemoteUrl.parse(url);
            return new Target(parsed.uri(), parsed.scheme(), parsed.host(), parsed.port(), parsed.literal());
        } catch (RemoteContentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Why this address is refused (a category such as {@code loopback}, never the address), or null if public unicast. */
    public static @Nullable String refusal(InetAddress address) {
        return SpecialAddresses.refusal(address);
    }
}

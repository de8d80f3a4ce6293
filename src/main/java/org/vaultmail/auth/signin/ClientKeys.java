package org.vaultmail.auth.signin;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * Makes {@link ClientKey}s with the configured IPv6 prefix length ({@code vaultmail.auth.throttle.ipv6-prefix-length},
 * default 64): the one way every throttle and rate limit keyed by client address (sign-in failures, the sign-in
 * request rate, operator sign-in) names a client.
 */
@NamedInterface("signin")
public final class ClientKeys {

    private final int ipv6PrefixLength;

    ClientKeys(int ipv6PrefixLength) {
        ClientKey.of("::1", ipv6PrefixLength); // refuses a bad length at start-up
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /** The key of the request's client address ({@code getRemoteAddr()} after the trusted-proxies filter), or null. */
    public @Nullable ClientKey of(@Nullable String address) {
        return address == null ? null : ClientKey.of(address, ipv6PrefixLength);
    }

    /** The configured length of an IPv6 client's network. */
    public int ipv6PrefixLength() {
        return ipv6PrefixLength;
    }
}

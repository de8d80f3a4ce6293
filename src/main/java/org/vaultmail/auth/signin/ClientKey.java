package org.vaultmail.auth.signin;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * The name under which throttles and rate limits count a client (G9): an IPv4 address whole, an IPv6 address by its
 * network prefix ({@code 2001:db8:1:2::/64} by default), since one IPv6 subscriber holds a whole /64 and could
 * otherwise take a fresh address for every guess. An IPv4-mapped IPv6 address is its IPv4 address. Anything that is
 * not an IP literal (there should be nothing else) is used as it is, cut to {@value #MAX_LENGTH} characters.
 * Made by {@link ClientKeys}, which knows the configured prefix length.
 */
@NamedInterface("signin")
public final class ClientKey {

    static final int MAX_LENGTH = 64;

    private final String value;

    private ClientKey(String value) {
        this.value = value;
    }

    /** The key of {@code address} with IPv6 addresses cut to their first {@code ipv6PrefixLength} bits (1–128). */
    public static ClientKey of(String address, int ipv6PrefixLength) {
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 1 to 128, not " + ipv6PrefixLength);
        }
        InetAddress ip = literal(address);
        if (ip instanceof Inet4Address) return new ClientKey(ip.getHostAddress());
        if (ip instanceof Inet6Address) return new ClientKey(prefix(ip.getAddress(), ipv6PrefixLength));
        return new ClientKey(address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address);
    }

    /** The wire form, e.g. {@code 192.0.2.7} or {@code 2001:db8:1:2::/64}. */
    public String asString() {
        return value;
    }

    private static @Nullable InetAddress literal(String address) {
        try {
            String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
            return bare.isEmpty() ? null : InetAddress.ofLiteral(bare); // never a DNS lookup
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String prefix(byte[] bytes, int length) {
        byte[] masked = Arrays.copyOf(bytes, 16);
        for (int bit = length; bit < 128; bit++) masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        try {
            String network = InetAddress.getByAddress(masked).getHostAddress();
            return length == 128 ? compress(network) : compress(network) + "/" + length;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }

    /** RFC 5952 form: the longest run of zero groups (at least two) becomes {@code ::}. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j].equals("0")) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestLength < 2) return full;
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.vaultmail.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Classifies IP addresses the proxy must never connect to: anything that is not public unicast
 * (loopback, private, link-local incl. cloud metadata, CGNAT, multicast, reserved, documentation),
 * including IPv4 addresses hidden in IPv6 forms (mapped, compatible, 6to4, NAT64, Teredo).
 */
final class SpecialAddresses {

    /** IPv4 blocks that are not public unicast (RFC 6890 and friends): {network, prefix length, name}. */
    private static final Object[][] IPV4 = {
            {"0.0.0.0", 8, "this-network"},
            {"10.0.0.0", 8, "private"},
            {"100.64.0.0", 10, "shared (CGNAT)"},
            {"127.0.0.0", 8, "loopback"},
            {"169.254.0.0", 16, "link-local"},
            {"172.16.0.0", 12, "private"},
            {"192.0.0.0", 24, "IETF protocol assignments"},
            {"192.0.2.0", 24, "documentation"},
            {"192.31.196.0", 24, "AS112"},
            {"192.52.193.0", 24, "AMT"},
            {"192.88.99.0", 24, "6to4 relay anycast"},
            {"192.168.0.0", 16, "private"},
            {"192.175.48.0", 24, "AS112"},
            {"198.18.0.0", 15, "benchmarking"},
            {"198.51.100.0", 24, "documentation"},
            {"203.0.113.0", 24, "documentation"},
            {"224.0.0.0", 4, "multicast"},
            {"240.0.0.0", 4, "reserved or broadcast"},
    };

    private SpecialAddresses() {
    }

    /** Why this address is refused (a category, no address), or null for a public unicast address. */
    static @Nullable String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return ipv4(b);
        if (address instanceof Inet6Address) return ipv6(b);
        return "unknown address family";
    }

    private static @Nullable String ipv4(byte[] b) {
        int value = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        for (Object[] block : IPV4) {
            int network = toInt((String) block[0]);
            int prefix = (Integer) block[1];
            int mask = -1 << (32 - prefix);
            if ((value & mask) == network) return (String) block[2];
        }
        return null;
    }

    private static @Nullable String ipv6(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded("IPv4-mapped", b, 12);                       // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            if (allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) return b[15] == 0 ? "unspecified" : "loopback";
            return embedded("IPv4-compatible", b, 12);                   // ::a.b.c.d (deprecated)
        }
        int first16 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (first16 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            // 64:ff9b::/96 is the well-known NAT64 prefix (public IPv4 behind it); 64:ff9b:1::/48 is local use
            return allZero(b, 4, 12) ? embedded("NAT64", b, 12) : "local-use NAT64";
        }
        if ((first16 & 0xe000) != 0x2000) {
            // outside 2000::/3 global unicast: link-local fe80::/10, unique-local fc00::/7, multicast ff00::/8,
            // site-local fec0::/10, discard 100::/64 and the rest of the unassigned space
            if ((first16 & 0xffc0) == 0xfe80) return "link-local";
            if ((first16 & 0xfe00) == 0xfc00) return "unique-local";
            if ((first16 & 0xff00) == 0xff00) return "multicast";
            return "not global unicast";
        }
        if (first16 == 0x2002) return embedded("6to4", b, 2);            // 2002:a.b.c.d::/48
        if (first16 == 0x2001) {
            int second16 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            if (second16 == 0x0000) return "Teredo";                      // tunnels to an IPv4 we cannot vet
            if (second16 == 0x0db8) return "documentation";
            if (second16 < 0x0200) return "IETF protocol assignments";  // 2001::/23
        }
        if (first16 == 0x3fff && (b[2] & 0xf0) == 0) return "documentation"; // 3fff::/20
        return null;
    }

    /** The refusal of the IPv4 address embedded at {@code offset}, named after the IPv6 form that carried it. */
    private static @Nullable String embedded(String form, byte[] b, int offset) {
        String inner = ipv4(Arrays.copyOfRange(b, offset, offset + 4));
        return inner == null ? null : inner + " (" + form + ")";
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static int toInt(String dotted) {
        int value = 0;
        for (String part : dotted.split("\\.")) value = (value << 8) | Integer.parseInt(part);
        return value;
    }
}

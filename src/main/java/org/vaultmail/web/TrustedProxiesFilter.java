package org.vaultmail.web;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client address (for throttling, sessions and the audit log) cannot be spoofed: {@code X-Forwarded-For}
 * and {@code X-Forwarded-Proto} count only when the TCP peer is a configured trusted proxy; then the client
 * is the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy.
 */
final class TrustedProxiesFilter extends OncePerRequestFilter {

    private final List<IpAddressMatcher> proxies;

    TrustedProxiesFilter(List<String> trustedProxies) {
        this.proxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (proxies.isEmpty() || !trusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = client(request.getHeaders("X-Forwarded-For"), request.getRemoteAddr());
        String proto = request.getHeader("X-Forwarded-Proto");
        boolean https = proto == null ? request.isSecure() : "https".equals(proto.trim().toLowerCase(Locale.ROOT));
        chain.doFilter(new Forwarded(request, client, https), response);
    }

    private String client(java.util.Enumeration<String> headers, String peer) {
        List<String> hops = new java.util.ArrayList<>();
        while (headers.hasMoreElements()) {
            for (String hop : headers.nextElement().split(",")) hops.add(hop.trim());
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = literal(hops.get(i));
            if (hop == null) return peer; // garbage in the chain: believe nothing beyond it
            if (!trusted(hop)) return hop;
        }
        return peer;
    }

    private boolean trusted(String address) {
        return literal(address) != null && proxies.stream().anyMatch(p -> p.matches(address));
    }

    /** The address if it is an IP literal (never a name: no DNS lookups for header values), else null. */
    private static @Nullable String literal(String value) {
        try {
            return value.isEmpty() ? null : InetAddress.ofLiteral(value).getHostAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The request as the client sent it to the proxy. */
    private static final class Forwarded extends HttpServletRequestWrapper {
        private final String client;
        private final boolean https;

        Forwarded(HttpServletRequest request, String client, boolean https) {
            super(request);
            this.client = client;
            this.https = https;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }

        /** The client's port is not known (it is the proxy's that the connection shows). */
        @Override
        public int getRemotePort() {
            return 0;
        }

        @Override
        public boolean isSecure() {
            return https;
        }

        @Override
        public String getScheme() {
            return https ? "https" : "http";
        }
    }
}

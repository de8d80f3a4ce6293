package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** X-Forwarded-For counts only from a trusted proxy, and then only up to the first untrusted hop. */
class TrustedProxiesFilterTest {

    @Test
    void withNoTrustedProxiesForwardedHeadersAreIgnored() throws Exception {
        HttpServletRequest seen = filter(List.of(), "127.0.0.1", "203.0.113.9", "https");

        assertThat(seen.getRemoteAddr()).isEqualTo("127.0.0.1");
        assertThat(seen.isSecure()).isFalse();
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        HttpServletRequest seen = filter(List.of("10.0.0.0/8"), "198.51.100.20", "203.0.113.9", "https");

        assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.20");
        assertThat(seen.isSecure()).isFalse();
    }

    @Test
    void forwardedForFromATrustedLoopbackProxyGivesTheClientAndScheme() throws Exception {
        HttpServletRequest seen = filter(List.of("127.0.0.1", "::1"), "127.0.0.1", "203.0.113.9", "https");

        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
        assertThat(seen.isSecure()).isTrue();
        assertThat(seen.getScheme()).isEqualTo("https");
    }

    @Test
    void addressesTheClientPrependedThemselvesAreNotBelieved() throws Exception {
        HttpServletRequest seen = filter(List.of("127.0.0.0/8", "10.1.0.0/16"), "127.0.0.1",
                "192.0.2.66, 203.0.113.9, 10.1.2.3", null);

        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
    }

    @Test
    void aHostNameOrGarbageInTheChainStopsAtTheProxy() throws Exception {
        HttpServletRequest seen = filter(List.of("127.0.0.1"), "127.0.0.1", "203.0.113.9, evil.example", null);

        assertThat(seen.getRemoteAddr()).isEqualTo("127.0.0.1");
    }

    private static HttpServletRequest filter(List<String> trusted, String peer, String forwardedFor, String proto)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/sessions");
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        if (proto != null) request.addHeader("X-Forwarded-Proto", proto);
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new TrustedProxiesFilter(trusted).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }
}

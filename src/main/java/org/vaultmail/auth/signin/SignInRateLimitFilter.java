package org.vaultmail.auth.signin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request rate limit per client ({@link ClientKey}: an IPv6 client by its network; Bucket4j, in memory on each
 * node) on sign-in and refresh: beyond it, 429 problem+json with {@code Retry-After}. The cross-node defence against guessing is the
 * failure counters in the database ({@link SignInThrottle}); this only caps raw request volume.
 */
final class SignInRateLimitFilter extends OncePerRequestFilter {

    /** Sign-in and refresh posts, on the path MVC routes on: {@code /api/v1/%73essions} is one too (ADR 0024). */
    static final RequestMatcher LIMITED = RequestMatchers.anyOf(Stream.of("/api/v1/sessions", "/api/v1/sessions/refresh", "/signin",
                    "/signin/oauth/{providerId}", "/signin/with-passkey", "/signin/with-passkey/unlock", "/signin/with-passkey/reseal")
            .map(path -> PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path)).toArray(RequestMatcher[]::new));
    private static final int MAX_CLIENTS = 100_000;

    private final IntSupplier perMinute;
    private final ClientKeys clients;
    /** Per client (an IPv6 client by its network); when the policy changes the limit, they start again with the new one. */
    private final LimitBuckets<ClientKey> buckets = new LimitBuckets<>(Duration.ofMinutes(1), MAX_CLIENTS);

    /** {@code perMinute} is read per request (the operator's policy, ADR 0022); 0 or less: no limit. */
    SignInRateLimitFilter(IntSupplier perMinute, ClientKeys clients) {
        this.perMinute = perMinute;
        this.clients = clients;
    }

    /** With IPv6 clients keyed by their /64. */
    SignInRateLimitFilter(IntSupplier perMinute) {
        this(perMinute, new ClientKeys(64));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !LIMITED.matches(request) || perMinute.getAsInt() <= 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = perMinute.getAsInt();
        if (limit <= 0) { // switched off between shouldNotFilter and here
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = buckets.of(ClientKey.of(request.getRemoteAddr(), clients.ipv6PrefixLength()), limit)
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,"
                + "\"detail\":\"Too many sign-in requests from your address. Please try again in " + retryAfter + " s.\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}

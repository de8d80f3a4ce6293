package org.vaultmail.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request rate limit per client address (Bucket4j, in memory on each node) on sign-in and refresh:
 * beyond it, 429 problem+json with {@code Retry-After}. The cross-node defence against guessing is the
 * failure counters in the database ({@link SignInThrottle}); this only caps raw request volume.
 */
final class SignInRateLimitFilter extends OncePerRequestFilter {

    static final Set<String> PATHS = Set.of("/api/v1/sessions", "/api/v1/sessions/refresh", "/signin");
    private static final int MAX_CLIENTS = 100_000;

    private final IntSupplier perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** The limit the buckets were made for: when the policy changes it, they start again with the new one. */
    private volatile int bucketsFor;

    /** {@code perMinute} is read per request (the operator's policy, ADR 0022); 0 or less: no limit. */
    SignInRateLimitFilter(IntSupplier perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI()) || perMinute.getAsInt() <= 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // crude bound on memory under a flood of distinct addresses: forget every bucket (limits restart)
        int limit = perMinute.getAsInt();
        if (buckets.size() > MAX_CLIENTS || limit != bucketsFor) {
            buckets.clear();
            bucketsFor = limit;
        }
        Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
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

package org.vaultmail.gateway.apikeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per minute per API key ({@code vaultmail.gateway.api-keys.requests-per-minute}): beyond it, 429
 * problem+json with {@code Retry-After}. Runs after the security filter chain, on requests it authenticated with a key.
 * In memory on each node (Bucket4j), like the sign-in rate limit: behind a load balancer over n nodes a key gets up
 * to n times the limit. Buckets are kept per key id (ids of valid keys only, so memory stays bounded).
 */
final class ApiKeyRateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_KEYS = 100_000;

    private final IntSupplier perMinute;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile int bucketsLimit;

    ApiKeyRateLimitFilter(IntSupplier perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        int limit = perMinute.getAsInt();
        if (!(auth instanceof ApiKeyAuthentication key) || limit <= 0) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = bucket(key.getPrincipal().keyId(), limit).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,"
                + "\"detail\":\"This API key made more than " + limit + " requests in a minute. Try again in " + retryAfter
                + " s.\"}").getBytes(StandardCharsets.UTF_8));
    }

    private Bucket bucket(long keyId, int limit) {
        if (limit != bucketsLimit || buckets.size() > MAX_KEYS) { // a changed limit: every key starts again with it
            buckets.clear();
            bucketsLimit = limit;
        }
        return buckets.computeIfAbsent(keyId, id -> Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1))).build());
    }
}

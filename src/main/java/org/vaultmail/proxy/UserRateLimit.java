package org.vaultmail.proxy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Proxy requests per user per minute (Bucket4j, in memory on each node): a message with a thousand images, or a
 * script hammering the endpoint, cannot turn the server into a fetching machine, and more sessions do not buy more
 * budget. Memory stays bounded without resetting anyone's spent budget (ADR 0029): only buckets that have refilled
 * completely, which are indistinguishable from new ones, are forgotten.
 */
final class UserRateLimit {

    /** Above this many users tracked, full buckets are dropped (and again each time the map doubles). */
    static final int TRIM_ABOVE = 10_000;

    private final int perMinute;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile int trimAt = TRIM_ABOVE;

    UserRateLimit(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one request from the user's budget; returns 0 if allowed, else the seconds to wait. */
    long tryAcquire(long userId) {
        if (perMinute <= 0) return 0;
        if (buckets.size() > trimAt) trim();
        Bucket bucket = buckets.computeIfAbsent(userId, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }

    /** Users with a bucket on this node. */
    int tracked() {
        return buckets.size();
    }

    private synchronized void trim() {
        if (buckets.size() <= trimAt) return;
        buckets.values().removeIf(b -> b.getAvailableTokens() >= perMinute);
        trimAt = Math.max(TRIM_ABOVE, buckets.size() * 2);
    }
}

package org.vaultmail.proxy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Proxy requests per session per minute (Bucket4j, in memory on each node): a message with a thousand
 * images, or a script hammering the endpoint, cannot turn the server into a fetching machine.
 */
final class SessionRateLimit {

    private static final int MAX_SESSIONS = 100_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SessionRateLimit(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one request from the session's budget; returns 0 if allowed, else the seconds to wait. */
    long tryAcquire(String sessionId) {
        if (perMinute <= 0) return 0;
        // crude bound on memory: forget every bucket (limits restart)
        if (buckets.size() > MAX_SESSIONS) buckets.clear();
        Bucket bucket = buckets.computeIfAbsent(sessionId, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }
}

package org.vaultmail.auth.signin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.Bucket;

/**
 * In-memory token buckets per key (client address, user) for a limit that the operator's policy may change at
 * any time (ADR 0022): all buckets belong to one generation made for one limit, and a request that reads another
 * limit replaces the generation (everyone starts again), so a bucket made for an old limit is never used again,
 * even by requests that raced with the change. Too many keys also start a new generation (a crude memory bound).
 */
public final class LimitBuckets<K> {

    private record Generation<K>(int limit, Map<K, Bucket> byKey) {
    }

    private final Duration period;
    private final int maxKeys;
    private final AtomicReference<Generation<K>> current = new AtomicReference<>(new Generation<>(0, new ConcurrentHashMap<>()));

    public LimitBuckets(Duration period, int maxKeys) {
        this.period = period;
        this.maxKeys = maxKeys;
    }

    /** The bucket of {@code key} for {@code limit} (at least 1) tokens per period, refilled greedily. */
    public Bucket of(K key, int limit) {
        while (true) {
            Generation<K> g = current.get();
            if (g.limit() == limit && g.byKey().size() <= maxKeys) {
                return g.byKey().computeIfAbsent(key, k -> Bucket.builder()
                        .addLimit(l -> l.capacity(limit).refillGreedy(limit, period)).build());
            }
            current.compareAndSet(g, new Generation<>(limit, new ConcurrentHashMap<>()));
        }
    }
}

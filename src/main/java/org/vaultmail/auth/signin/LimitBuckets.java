package org.vaultmail.auth.signin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.Bucket;

/**
 * In-memory token buckets per key (client address, user) for a limit that the operator's policy may change at
 * any time (ADR 0022): all buckets belong to one generation made for one limit, and a request that reads another
 * limit replaces the generation (everyone starts again), so a bucket made for an old limit is never used again,
 * even by requests that raced with the change. Beyond {@code maxKeys} keys, full buckets (their keys have spent nothing
 * for a period) are dropped: a new bucket behaves the same, so one client with many keys (an IPv6 network) never gives
 * another key its spent tokens back. Only when twice {@code maxKeys} buckets are all in use does everyone start again,
 * which keeps memory bounded.
 */
public final class LimitBuckets<K> {

    private record Generation<K>(int limit, Map<K, Bucket> byKey) {
    }

    private final Duration period;
    private final int maxKeys;
    private final AtomicReference<Generation<K>> current = new AtomicReference<>(new Generation<>(0, new ConcurrentHashMap<>()));

    /** When full buckets were last dropped: a scan of all keys at most once a second, not once per new key. */
    private final AtomicLong lastTrim = new AtomicLong(System.nanoTime() - TRIM_EVERY_NANOS);
    private static final long TRIM_EVERY_NANOS = 1_000_000_000L;

    public LimitBuckets(Duration period, int maxKeys) {
        this.period = period;
        this.maxKeys = maxKeys;
    }

    /** The bucket of {@code key} for {@code limit} (at least 1) tokens per period, refilled greedily. */
    public Bucket of(K key, int limit) {
        while (true) {
            Generation<K> g = current.get();
            if (g.limit() == limit && g.byKey().size() > maxKeys && !g.byKey().containsKey(key) && mayTrim()) {
                g.byKey().values().removeIf(b -> b.getAvailableTokens() >= limit);
            }
            if (g.limit() == limit && g.byKey().size() <= 2L * maxKeys) { // long: maxKeys may be Integer.MAX_VALUE
                return g.byKey().computeIfAbsent(key, k -> Bucket.builder()
                        .addLimit(l -> l.capacity(limit).refillGreedy(limit, period)).build());
            }
            current.compareAndSet(g, new Generation<>(limit, new ConcurrentHashMap<>()));
        }
    }

    private boolean mayTrim() {
        long last = lastTrim.get();
        long now = System.nanoTime();
        return now - last >= TRIM_EVERY_NANOS && lastTrim.compareAndSet(last, now);
    }
}

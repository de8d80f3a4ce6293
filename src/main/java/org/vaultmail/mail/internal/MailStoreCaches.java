package org.vaultmail.mail.internal;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The caches of every mail store opened by a factory: each store (one IMAP connection) has its own small bounded
 * caches, but their hits and misses are counted together per kind of cache, so the metrics say how well the caches
 * work on this node without one meter per connection. Eviction runs on the caller's thread ({@code Runnable::run}):
 * deterministic, and nothing to hand to a pool for caches this small.
 */
public final class MailStoreCaches implements MeterBinder {

    /** Sorted orders per store (an order of 100,000 messages takes 400 KB). */
    static final int ORDERS = 8;
    /** Message structures per store. */
    static final int STRUCTURES = 32;
    /** Listed pages per store (CONDSTORE servers only). */
    static final int PAGES = 16;

    private final StatsCounter orders = new ConcurrentStatsCounter();
    private final StatsCounter structures = new ConcurrentStatsCounter();
    private final StatsCounter pages = new ConcurrentStatsCounter();

    <K, V> Cache<K, V> orders() {
        return cache(ORDERS, orders);
    }

    <K, V> Cache<K, V> structures() {
        return cache(STRUCTURES, structures);
    }

    <K, V> Cache<K, V> pages() {
        return cache(PAGES, pages);
    }

    private static <K, V> Cache<K, V> cache(int size, StatsCounter counter) {
        return Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).recordStats(() -> counter).build();
    }

    /** {@code vaultmail.mail.cache.gets} by {@code cache} (orders, structures, pages) and {@code result} (hit, miss). */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (var cache : List.of(new Named("orders", orders), new Named("structures", structures), new Named("pages", pages))) {
            FunctionCounter.builder("vaultmail.mail.cache.gets", cache.counter(), c -> c.snapshot().hitCount())
                    .tags("cache", cache.name(), "result", "hit")
                    .description("Look-ups in the mail stores' caches, all connections of this node together").register(registry);
            FunctionCounter.builder("vaultmail.mail.cache.gets", cache.counter(), c -> c.snapshot().missCount())
                    .tags("cache", cache.name(), "result", "miss")
                    .description("Look-ups in the mail stores' caches, all connections of this node together").register(registry);
        }
    }

    private record Named(String name, StatsCounter counter) {
    }
}

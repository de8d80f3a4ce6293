package org.vaultmail.compose;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.vaultmail.fairshare.PerUserCache;

/**
 * A small LRU of quoted originals, so the autosave of a reply does not fetch the original every time. Bounded per
 * user and in all, so one user's replies never push out another user's quotes (ADR 0029).
 */
final class QuoteCache {

    private final PerUserCache<String, Replies.Quote> entries;

    QuoteCache(int perUser, int capacity) {
        this.entries = PerUserCache.counting(perUser, capacity);
    }

    /** The cached quote, or {@code load}'s (cached when not null). Loading happens outside the lock. */
    Replies.@Nullable Quote get(long userId, String key, Supplier<Replies.@Nullable Quote> load) {
        Replies.Quote hit = entries.get(userId, key);
        if (hit != null) return hit;
        Replies.Quote loaded = load.get();
        if (loaded != null) entries.put(userId, key, loaded);
        return loaded;
    }
}

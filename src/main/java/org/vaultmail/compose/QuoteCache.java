package org.vaultmail.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/** A small LRU of quoted originals, so the autosave of a reply does not fetch the original every time. */
final class QuoteCache {

    private final Map<String, Replies.Quote> entries;

    QuoteCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Replies.Quote> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached quote, or {@code load}'s (cached when not null). Loading happens outside the lock. */
    Replies.@Nullable Quote get(String key, Supplier<Replies.@Nullable Quote> load) {
        synchronized (entries) {
            Replies.Quote hit = entries.get(key);
            if (hit != null) return hit;
        }
        Replies.Quote loaded = load.get();
        if (loaded != null) {
            synchronized (entries) {
                entries.put(key, loaded);
            }
        }
        return loaded;
    }
}

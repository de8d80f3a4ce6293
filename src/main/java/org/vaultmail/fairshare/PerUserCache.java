package org.vaultmail.fairshare;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A cache whose entries belong to users, each user's share bounded on its own (ADR 0029): a user over their share
 * loses their own least recently used entries, never anyone else's. The node-wide bound, reached only when many users
 * fill their shares together, takes from whoever holds the most (the user adding, on a tie), so a user within a fair
 * share never loses entries to another. Entries are weighed (characters, or 1 each); one lock, as the work under it is
 * small.
 */
public final class PerUserCache<K, V> {

    private static final class Share<K, V> {
        final LinkedHashMap<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);
        long weight;
    }

    private final long perUser;
    private final long total;
    private final ToLongFunction<? super V> weigher;
    private final Map<Long, Share<K, V>> users = new HashMap<>();
    private long weight;

    /** Entries weighed by {@code weigher}: at most {@code perUser} per user and {@code total} on this node. */
    public PerUserCache(long perUser, long total, ToLongFunction<? super V> weigher) {
        if (perUser < 1 || total < perUser) throw new IllegalArgumentException("need 1 <= perUser <= total");
        this.perUser = perUser;
        this.total = total;
        this.weigher = weigher;
    }

    /** At most {@code perUser} entries per user and {@code total} on this node. */
    public static <K, V> PerUserCache<K, V> counting(int perUser, int total) {
        return new PerUserCache<>(perUser, total, v -> 1);
    }

    /** The entry of {@code user} under {@code key} (now their most recently used), or null. */
    public synchronized @Nullable V get(long user, K key) {
        Share<K, V> share = users.get(user);
        return share == null ? null : share.entries.get(key);
    }

    /** Adds or replaces; an entry heavier than a whole share is not kept. Makes room from this user's share first. */
    public synchronized void put(long user, K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > perUser) {
            remove(user, key);
            return;
        }
        Share<K, V> share = users.computeIfAbsent(user, u -> new Share<>());
        V old = share.entries.put(key, value);
        if (old != null) add(share, -weigher.applyAsLong(old));
        add(share, w);
        while (share.weight > perUser) evictEldest(user, share);
        while (weight > total) {
            long heaviest = heaviest(user, share);
            evictEldest(heaviest, users.get(heaviest));
        }
    }

    /** Removes and returns the entry of {@code user} under {@code key}, or null. */
    public synchronized @Nullable V remove(long user, K key) {
        Share<K, V> share = users.get(user);
        if (share == null) return null;
        V removed = share.entries.remove(key);
        if (removed != null) add(share, -weigher.applyAsLong(removed));
        if (share.entries.isEmpty()) users.remove(user);
        return removed;
    }

    /** Removes {@code user}'s entries that match (a session's, when it ends; expired ones). */
    public synchronized void removeIf(long user, BiPredicate<? super K, ? super V> which) {
        Share<K, V> share = users.get(user);
        if (share == null) return;
        for (Iterator<Map.Entry<K, V>> it = share.entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, V> e = it.next();
            if (which.test(e.getKey(), e.getValue())) {
                add(share, -weigher.applyAsLong(e.getValue()));
                it.remove();
            }
        }
        if (share.entries.isEmpty()) users.remove(user);
    }

    /** Entries held, for every user. */
    public synchronized int size() {
        int n = 0;
        for (Share<K, V> share : users.values()) n += share.entries.size();
        return n;
    }

    /** The weight {@code user} holds. */
    public synchronized long weightOf(long user) {
        Share<K, V> share = users.get(user);
        return share == null ? 0 : share.weight;
    }

    private void add(Share<K, V> share, long w) {
        share.weight += w;
        weight += w;
    }

    private void evictEldest(long user, Share<K, V> share) {
        Iterator<Map.Entry<K, V>> eldest = share.entries.entrySet().iterator();
        if (!eldest.hasNext()) return;
        add(share, -weigher.applyAsLong(eldest.next().getValue()));
        eldest.remove();
        if (share.entries.isEmpty()) users.remove(user);
    }

    /** The user holding the most; {@code adding} on a tie. */
    private long heaviest(long adding, Share<K, V> addingShare) {
        long heaviest = adding;
        long most = addingShare.weight;
        for (Map.Entry<Long, Share<K, V>> e : users.entrySet()) {
            if (e.getValue().weight > most) {
                most = e.getValue().weight;
                heaviest = e.getKey();
            }
        }
        return heaviest;
    }
}

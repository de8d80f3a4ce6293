package org.vaultmail.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remote fetches in progress per user on this node: one user's slow images never hold all of the node's
 * {@code max-concurrent} fetches (ADR 0029). A user's entry goes when their last fetch ends.
 */
final class UserFetches {

    private final int perUser;
    private final Map<Long, Integer> running = new ConcurrentHashMap<>();

    UserFetches(int perUser) {
        this.perUser = perUser;
    }

    /** Takes a slot of {@code userId}'s; false when they have {@code perUser} fetches running. */
    boolean tryAcquire(long userId) {
        boolean[] got = {false};
        running.compute(userId, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perUser) return n;
            got[0] = true;
            return now + 1;
        });
        return got[0];
    }

    void release(long userId) {
        running.computeIfPresent(userId, (k, n) -> n <= 1 ? null : n - 1);
    }
}

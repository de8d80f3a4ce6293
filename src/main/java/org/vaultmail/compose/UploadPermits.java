package org.vaultmail.compose;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most {@code perUser} uploads in progress per user on this node: one user cannot fill the node's disk, heap or
 * threads with parallel uploads; the next one is refused ({@link TooManyUploadsException}, 429) before its body is read.
 */
final class UploadPermits {

    private final int perUser;
    private final ConcurrentMap<Long, Integer> inProgress = new ConcurrentHashMap<>();

    UploadPermits(int perUser) {
        this.perUser = perUser;
    }

    /** Takes a permit for {@code userId}; close the returned permit when the upload is done. */
    Permit acquire(long userId) {
        boolean[] granted = {false};
        inProgress.compute(userId, (id, n) -> {
            int current = n == null ? 0 : n;
            if (current >= perUser) return n;
            granted[0] = true;
            return current + 1;
        });
        if (!granted[0]) throw new TooManyUploadsException(perUser);
        return () -> inProgress.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
    }

    /** Uploads in progress for this user (for tests). */
    int inProgress(long userId) {
        return inProgress.getOrDefault(userId, 0);
    }

    /** Released once by closing. */
    @FunctionalInterface
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}

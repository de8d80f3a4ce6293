package org.vaultmail.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.http.HttpServletRequest;

/**
 * At most {@code perUser} uploads in progress per user on this node: one user cannot fill the node's disk, heap or
 * threads with parallel uploads; the next one is refused ({@link TooManyUploadsException}, 429) before its body is
 * parsed or stored.
 */
final class UploadPermits {

    private final int perUser;
    private final long maxDiscard;
    private final ConcurrentMap<Long, Integer> inProgress = new ConcurrentHashMap<>();

    /** {@code maxDiscard}: the largest refused body read to its end (the multipart {@code max-request-size}). */
    UploadPermits(int perUser, long maxDiscard) {
        this.perUser = perUser;
        this.maxDiscard = maxDiscard;
    }

    /**
     * Takes a permit for {@code userId}; close the returned permit when the upload is done. Refused: the body of
     * {@code request} is read and dropped first ({@link #discardBody}), then {@link TooManyUploadsException}.
     */
    Permit acquire(long userId, HttpServletRequest request) {
        boolean[] granted = {false};
        inProgress.compute(userId, (id, n) -> {
            int current = n == null ? 0 : n;
            if (current >= perUser) return n;
            granted[0] = true;
            return current + 1;
        });
        if (!granted[0]) {
            discardBody(request);
            throw new TooManyUploadsException(perUser);
        }
        return () -> inProgress.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Reads and drops the body of a refused upload (if not larger than an upload may be; neither kept nor stored), so
     * that the client, still sending, gets the 429 instead of a reset connection (the container closes a connection
     * whose unread body is larger than its swallow limit, 2 MB).
     */
    private void discardBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length < 0 || length > maxDiscard) return;
        try (InputStream in = request.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
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

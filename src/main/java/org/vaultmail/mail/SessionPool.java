package org.vaultmail.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.MailStoreException.Reason;

/** One session's connections; its state is guarded by its user's lock. */
final class SessionPool {
    final UserShare user;
    private final int perSession;
    private final int perUser;
    private final Clock clock;
    private final ServerConnections servers;
    final Deque<PooledConnection> idle = new ArrayDeque<>(); // most recently used first
    int total;
    boolean closed;

    SessionPool(UserShare user, int perSession, int perUser, Clock clock, ServerConnections servers) {
        this.user = user;
        this.perSession = perSession;
        this.perUser = perUser;
        this.clock = clock;
        this.servers = servers;
    }

    /**
     * An idle connection for {@code key} (unless {@code fresh}), else a reserved slot (a connection without a
     * store), else waits; null if this pool was closed. Room is made from this session's idle connections, then
     * from the user's least recently used idle one in any of their sessions.
     */
    @Nullable PooledConnection take(String key, boolean fresh, long deadline) throws InterruptedException {
        PooledConnection evicted = null;
        user.lock.lock();
        try {
            while (true) {
                if (closed) return null;
                if (!fresh) {
                    for (Iterator<PooledConnection> it = idle.iterator(); it.hasNext(); ) {
                        PooledConnection c = it.next();
                        if (c.key.equals(key)) {
                            it.remove();
                            return c;
                        }
                    }
                }
                if (total < perSession && user.total < perUser) {
                    total++;
                    user.total++;
                    return new PooledConnection(key);
                }
                if (evicted == null) {
                    SessionPool from = total >= perSession ? (idle.isEmpty() ? null : this) : user.leastRecentlyUsedIdle(null);
                    if (from != null) {
                        evicted = from.evictOldestIdle(null);
                        continue;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new MailStoreException(Reason.UNAVAILABLE, "Mail connections busy: try again");
                }
                user.changed.awaitNanos(left);
            }
        } finally {
            user.lock.unlock();
            if (evicted != null) servers.close(evicted);
        }
    }

    /** Under the lock: removes and returns the least recently used idle connection (to {@code server}, if given). */
    @Nullable PooledConnection evictOldestIdle(@Nullable String server) {
        for (Iterator<PooledConnection> it = idle.descendingIterator(); it.hasNext(); ) {
            PooledConnection c = it.next();
            if (server != null && !server.equals(c.server)) continue;
            it.remove();
            total--;
            user.total--;
            user.changed.signalAll();
            return c;
        }
        return null;
    }

    void unreserve() {
        user.lock.lock();
        try {
            total--;
            user.total--;
            user.changed.signalAll();
            user.retireIfEmpty();
        } finally {
            user.lock.unlock();
        }
    }

    void release(PooledConnection connection, boolean reusable) {
        boolean keep;
        user.lock.lock();
        try {
            keep = reusable && !closed;
            if (keep) {
                connection.lastUsed = clock.instant();
                idle.addFirst(connection);
            } else {
                total--;
                user.total--;
                user.retireIfEmpty();
            }
            user.changed.signalAll();
        } finally {
            user.lock.unlock();
        }
        if (!keep) servers.close(connection);
    }

    /** Closes idle connections last used before {@code cutoff}; true if the pool is now empty and closed. */
    boolean closeIdleBefore(Instant cutoff) {
        Deque<PooledConnection> stale = new ArrayDeque<>();
        boolean empty;
        user.lock.lock();
        try {
            for (Iterator<PooledConnection> it = idle.iterator(); it.hasNext(); ) {
                PooledConnection c = it.next();
                if (c.lastUsed.isBefore(cutoff)) {
                    it.remove();
                    stale.add(c);
                    total--;
                    user.total--;
                }
            }
            empty = total == 0;
            if (empty) {
                closed = true;
                user.pools.remove(this);
            }
            user.retireIfEmpty();
            user.changed.signalAll();
        } finally {
            user.lock.unlock();
        }
        stale.forEach(servers::close);
        return empty;
    }

    void shutdown() {
        Deque<PooledConnection> all;
        user.lock.lock();
        try {
            closed = true;
            all = new ArrayDeque<>(idle);
            total -= idle.size();
            user.total -= idle.size();
            idle.clear();
            user.pools.remove(this);
            user.retireIfEmpty();
            user.changed.signalAll();
        } finally {
            user.lock.unlock();
        }
        all.forEach(servers::close);
    }

    int total() {
        user.lock.lock();
        try {
            return total;
        } finally {
            user.lock.unlock();
        }
    }
}

package org.vaultmail.mail;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * One user's connections on this node, over all their sessions: one lock guards the user's session pools, so
 * counting against the user's cap and taking their least recently used idle connection from another of their
 * sessions is a single step. Retired (and replaced by a new share) once no pool and no connection is left.
 */
final class UserShare {
    final String user;
    private final Map<String, UserShare> users;
    private final ServerConnections servers;
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Set<SessionPool> pools = new HashSet<>();
    /** Connections reserved or open for this user, in all their pools (closed pools' leased ones included). */
    int total;
    boolean retired;

    UserShare(String user, Map<String, UserShare> users, ServerConnections servers) {
        this.user = user;
        this.users = users;
        this.servers = servers;
    }

    /** Under the lock: the pool whose idle connection was used least recently, or null when none is idle. */
    @Nullable SessionPool leastRecentlyUsedIdle(@Nullable String server) {
        SessionPool oldest = null;
        Instant when = null;
        for (SessionPool p : pools) {
            for (PooledConnection c : p.idle) { // most recent first
                if (server != null && !server.equals(c.server)) continue;
                if (when == null || c.lastUsed.isBefore(when)) {
                    oldest = p;
                    when = c.lastUsed;
                }
            }
        }
        return oldest;
    }

    /** Closes this user's least recently used idle connection to {@code server}; false when they have none. */
    boolean closeLeastRecentlyUsedIdle(String server) {
        PooledConnection victim = null;
        lock.lock();
        try {
            SessionPool from = leastRecentlyUsedIdle(server);
            if (from != null) victim = from.evictOldestIdle(server);
        } finally {
            lock.unlock();
        }
        if (victim == null) return false;
        servers.close(victim);
        return true;
    }

    /** Under the lock, after a connection or a pool went: forgets the share once nothing is left. */
    void retireIfEmpty() {
        if (pools.isEmpty() && total == 0 && !retired) {
            retired = true;
            users.remove(user, this);
        }
    }
}

package org.vaultmail.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * A per-session pool of authenticated {@link MailStore} connections (ADR 0008, "Connection pool"). A session
 * has at most {@code perSession} connections, each leased to one caller at a time; a caller waits up to
 * {@code wait} for one, then gets {@code UNAVAILABLE}. A user (an address), however many sessions they have, holds at
 * most {@code perUser} connections on this node, and each mail server (host:port) has at most {@code perServer}
 * across all sessions. At the user's cap, or when the server's is reached, the user's own least recently used idle
 * connection is closed to make room, never another user's (ADR 0029). Credentials are asked for only to open a
 * connection.
 */
public final class MailConnections implements AutoCloseable {

    private final MailStoreFactory factory;
    private final int perSession;
    private final int perUser;
    private final int perServer;
    private final Duration idleTimeout;
    private final Duration wait;
    private final Clock clock;
    private final Map<String, SessionPool> sessions = new ConcurrentHashMap<>();
    private final Map<String, UserShare> users = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> servers = new ConcurrentHashMap<>();

    /** Without a cap per user beyond the server's. */
    public MailConnections(MailStoreFactory factory, int perSession, int perServer, Duration idleTimeout,
                           Duration wait, Clock clock) {
        this(factory, perSession, perServer, perServer, idleTimeout, wait, clock);
    }

    public MailConnections(MailStoreFactory factory, int perSession, int perUser, int perServer, Duration idleTimeout,
                           Duration wait, Clock clock) {
        if (perSession < 1 || perUser < 1 || perServer < 1) throw new IllegalArgumentException("pool sizes must be positive");
        this.factory = factory;
        this.perSession = perSession;
        this.perUser = perUser;
        this.perServer = perServer;
        this.idleTimeout = idleTimeout;
        this.wait = wait;
        this.clock = clock;
    }

    /**
     * Runs {@code work} on a connection of this session, opening one (with {@code credentials}) if none is
     * idle. If the connection turns out to be dropped ({@code UNAVAILABLE}, or no longer connected), it is
     * discarded and the work is run once more on a fresh connection; a second failure propagates.
     */
    public <T> T withStore(String sessionId, MailServers servers, String address, CredentialSource credentials,
                           Function<MailStore, T> work) {
        try {
            return attempt(sessionId, servers, address, credentials, work, false);
        } catch (Dropped first) {
            try {
                return attempt(sessionId, servers, address, credentials, work, true);
            } catch (Dropped second) {
                throw second.failure;
            }
        }
    }

    private <T> T attempt(String sessionId, MailServers servers, String address, CredentialSource credentials,
                          Function<MailStore, T> work, boolean fresh) {
        String key = servers.imap().host() + ":" + servers.imap().port() + "/" + address;
        Lease lease = acquire(sessionId, servers, key, address, credentials, fresh);
        T result;
        try {
            result = work.apply(lease.connection.store);
        } catch (RuntimeException e) {
            boolean dropped = (e instanceof MailStoreException m && m.reason() == Reason.UNAVAILABLE)
                    || !lease.connection.store.isConnected();
            lease.pool.release(lease.connection, !dropped);
            if (dropped) throw new Dropped(e);
            throw e;
        } catch (Error e) {
            lease.pool.release(lease.connection, false);
            throw e;
        }
        lease.pool.release(lease.connection, true);
        return result;
    }

    /** Closes every connection of this session (those in use when their work ends). */
    public void closeSession(String sessionId) {
        SessionPool pool = sessions.remove(sessionId);
        if (pool != null) pool.shutdown();
    }

    /** Closes connections idle for longer than the idle timeout; called by a scheduled sweep. */
    public void closeIdle() {
        Instant cutoff = clock.instant().minus(idleTimeout);
        for (Map.Entry<String, SessionPool> entry : sessions.entrySet()) {
            if (entry.getValue().closeIdleBefore(cutoff)) sessions.remove(entry.getKey(), entry.getValue());
        }
    }

    /** Connections open (idle or in use) on this node, for every session. */
    public int openConnections() {
        int total = 0;
        for (SessionPool pool : sessions.values()) total += pool.total();
        return total;
    }

    /** Sessions with a pool on this node (some may have no connection open at the moment). */
    public int pooledSessions() {
        return sessions.size();
    }

    /** The sessions with a pool on this node (checked every few seconds against the sessions table, ADR 0029). */
    public Set<String> sessionIds() {
        return Set.copyOf(sessions.keySet());
    }

    /** Connections open (idle or in use) for this session. */
    public int openConnections(String sessionId) {
        SessionPool pool = sessions.get(sessionId);
        return pool == null ? 0 : pool.total();
    }

    @Override
    public void close() {
        for (String id : sessions.keySet()) closeSession(id);
    }

    /** The session's pool, made on the user's share (a share that was just retired is not used again). */
    private SessionPool poolOf(String sessionId, String address) {
        while (true) {
            SessionPool pool = sessions.get(sessionId);
            if (pool != null) return pool;
            String user = address.toLowerCase(Locale.ROOT);
            UserShare share = users.computeIfAbsent(user, UserShare::new);
            share.lock.lock();
            try {
                if (share.retired) continue;
                SessionPool created = new SessionPool(share);
                SessionPool raced = sessions.putIfAbsent(sessionId, created);
                if (raced != null) return raced;
                share.pools.add(created);
                return created;
            } finally {
                share.lock.unlock();
            }
        }
    }

    private Lease acquire(String sessionId, MailServers servers, String key, String address,
                          CredentialSource credentials, boolean fresh) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            SessionPool pool = poolOf(sessionId, address);
            Connection connection;
            try {
                connection = pool.take(key, fresh, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailStoreException(Reason.UNAVAILABLE, "Interrupted while waiting for a mail connection");
            }
            if (connection == null) continue; // the pool was closed meanwhile: take a new one
            if (connection.store != null) return new Lease(pool, connection);
            // a slot was reserved: open a connection into it
            try {
                connection.store = open(pool.user, servers, address, credentials, deadline);
            } catch (RuntimeException | Error e) {
                pool.unreserve();
                throw e;
            }
            connection.server = serverKey(servers);
            return new Lease(pool, connection);
        }
    }

    private MailStore open(UserShare user, MailServers mailServers, String address, CredentialSource credentials, long deadline) {
        String key = serverKey(mailServers);
        Semaphore server = servers.computeIfAbsent(key, k -> new Semaphore(perServer));
        try {
            boolean got = server.tryAcquire();
            // the server is full: the user's own idle connection to it makes room first, never another user's
            if (!got && user.closeLeastRecentlyUsedIdle(key)) got = server.tryAcquire();
            if (!got) got = server.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!got) throw new MailStoreException(Reason.UNAVAILABLE, "Mail server busy: too many connections");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailStoreException(Reason.UNAVAILABLE, "Interrupted while waiting for a mail connection");
        }
        try {
            return login(mailServers, address, credentials);
        } catch (RuntimeException | Error e) {
            server.release();
            throw e;
        }
    }

    /** Logs in; a refused access token is dropped and the login tried once more with a fresh one (issue 15). */
    private MailStore login(MailServers mailServers, String address, CredentialSource credentials) {
        try {
            return factory.open(mailServers, address, credentials);
        } catch (MailStoreException e) {
            if (e.reason() != Reason.WRONG_CREDENTIALS || credentials.mechanism() != CredentialSource.Mechanism.XOAUTH2) throw e;
            credentials.refused();
            return factory.open(mailServers, address, credentials);
        }
    }

    private static String serverKey(MailServers servers) {
        return servers.imap().host() + ":" + servers.imap().port();
    }

    private void closeConnection(Connection connection) {
        MailStore store = connection.store;
        if (store == null) return;
        try {
            store.close();
        } catch (RuntimeException e) {
            // gone either way
        } finally {
            Semaphore server = connection.server == null ? null : servers.get(connection.server);
            if (server != null) server.release();
        }
    }

    private record Lease(SessionPool pool, Connection connection) {
    }

    /** The work failed on a dropped connection. */
    private static final class Dropped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        final RuntimeException failure;

        Dropped(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private static final class Connection {
        final String key;
        @Nullable MailStore store;
        @Nullable String server;
        Instant lastUsed = Instant.EPOCH;

        Connection(String key) {
            this.key = key;
        }
    }

    /**
     * One user's connections on this node, over all their sessions: one lock guards the user's session pools, so
     * counting against the user's cap and taking their least recently used idle connection from another of their
     * sessions is a single step. Retired (and replaced by a new share) once no pool and no connection is left.
     */
    private final class UserShare {
        final String user;
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final Set<SessionPool> pools = new HashSet<>();
        /** Connections reserved or open for this user, in all their pools (closed pools' leased ones included). */
        int total;
        boolean retired;

        UserShare(String user) {
            this.user = user;
        }

        /** Under the lock: the pool whose idle connection was used least recently, or null when none is idle. */
        @Nullable SessionPool leastRecentlyUsedIdle(@Nullable String server) {
            SessionPool oldest = null;
            Instant when = null;
            for (SessionPool p : pools) {
                for (Connection c : p.idle) { // most recent first
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
            Connection victim = null;
            lock.lock();
            try {
                SessionPool from = leastRecentlyUsedIdle(server);
                if (from != null) victim = from.evictOldestIdle(server);
            } finally {
                lock.unlock();
            }
            if (victim == null) return false;
            closeConnection(victim);
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

    /** One session's connections; its state is guarded by its user's lock. */
    private final class SessionPool {
        final UserShare user;
        final Deque<Connection> idle = new ArrayDeque<>(); // most recently used first
        int total;
        boolean closed;

        SessionPool(UserShare user) {
            this.user = user;
        }

        /**
         * An idle connection for {@code key} (unless {@code fresh}), else a reserved slot (a connection without a
         * store), else waits; null if this pool was closed. Room is made from this session's idle connections, then
         * from the user's least recently used idle one in any of their sessions.
         */
        @Nullable Connection take(String key, boolean fresh, long deadline) throws InterruptedException {
            Connection evicted = null;
            user.lock.lock();
            try {
                while (true) {
                    if (closed) return null;
                    if (!fresh) {
                        for (Iterator<Connection> it = idle.iterator(); it.hasNext(); ) {
                            Connection c = it.next();
                            if (c.key.equals(key)) {
                                it.remove();
                                return c;
                            }
                        }
                    }
                    if (total < perSession && user.total < perUser) {
                        total++;
                        user.total++;
                        return new Connection(key);
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
                if (evicted != null) closeConnection(evicted);
            }
        }

        /** Under the lock: removes and returns the least recently used idle connection (to {@code server}, if given). */
        @Nullable Connection evictOldestIdle(@Nullable String server) {
            for (Iterator<Connection> it = idle.descendingIterator(); it.hasNext(); ) {
                Connection c = it.next();
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

        void release(Connection connection, boolean reusable) {
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
            if (!keep) closeConnection(connection);
        }

        /** Closes idle connections last used before {@code cutoff}; true if the pool is now empty and closed. */
        boolean closeIdleBefore(Instant cutoff) {
            Deque<Connection> stale = new ArrayDeque<>();
            boolean empty;
            user.lock.lock();
            try {
                for (Iterator<Connection> it = idle.iterator(); it.hasNext(); ) {
                    Connection c = it.next();
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
            stale.forEach(MailConnections.this::closeConnection);
            return empty;
        }

        void shutdown() {
            Deque<Connection> all;
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
            all.forEach(MailConnections.this::closeConnection);
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
}

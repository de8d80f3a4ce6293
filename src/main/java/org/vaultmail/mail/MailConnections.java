package org.vaultmail.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.vault.Secret;

/**
 * A per-session pool of authenticated {@link MailStore} connections (ADR 0008, "Connection pool"). A session
 * has at most {@code perSession} connections, each leased to one caller at a time; a caller waits up to
 * {@code wait} for one, then gets {@code UNAVAILABLE}. Each mail server (host:port) has at most
 * {@code perServer} connections across all sessions. Credentials are asked for only to open a connection.
 */
public final class MailConnections implements AutoCloseable {

    private final MailStoreFactory factory;
    private final int perSession;
    private final int perServer;
    private final Duration idleTimeout;
    private final Duration wait;
    private final Clock clock;
    private final Map<String, SessionPool> sessions = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> servers = new ConcurrentHashMap<>();

    public MailConnections(MailStoreFactory factory, int perSession, int perServer, Duration idleTimeout,
                           Duration wait, Clock clock) {
        if (perSession < 1 || perServer < 1) throw new IllegalArgumentException("pool sizes must be positive");
        this.factory = factory;
        this.perSession = perSession;
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
    public java.util.Set<String> sessionIds() {
        return java.util.Set.copyOf(sessions.keySet());
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

    private Lease acquire(String sessionId, MailServers servers, String key, String address,
                          CredentialSource credentials, boolean fresh) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            SessionPool pool = sessions.computeIfAbsent(sessionId, id -> new SessionPool());
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
                connection.store = open(servers, address, credentials, deadline);
            } catch (RuntimeException | Error e) {
                pool.unreserve();
                throw e;
            }
            connection.server = serverKey(servers);
            return new Lease(pool, connection);
        }
    }

    private MailStore open(MailServers mailServers, String address, CredentialSource credentials, long deadline) {
        Semaphore server = servers.computeIfAbsent(serverKey(mailServers), k -> new Semaphore(perServer));
        try {
            if (!server.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new MailStoreException(Reason.UNAVAILABLE, "Mail server busy: too many connections");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailStoreException(Reason.UNAVAILABLE, "Interrupted while waiting for a mail connection");
        }
        try (Secret password = credentials.open()) {
            return factory.open(mailServers, address, password);
        } catch (RuntimeException | Error e) {
            server.release();
            throw e;
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

    private final class SessionPool {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final Deque<Connection> idle = new ArrayDeque<>();
        private int total;
        private boolean closed;

        /**
         * An idle connection for {@code key} (unless {@code fresh}), else a reserved slot (a connection without a
         * store), else waits; null if this pool was closed.
         */
        @Nullable Connection take(String key, boolean fresh, long deadline) throws InterruptedException {
            Connection evicted = null;
            lock.lock();
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
                    if (total < perSession) {
                        total++;
                        return new Connection(key);
                    }
                    if (!idle.isEmpty()) { // make room: close the least recently used idle connection
                        evicted = idle.pollLast();
                        total--;
                        continue;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new MailStoreException(Reason.UNAVAILABLE, "Mail connections busy: try again");
                    }
                    changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
                if (evicted != null) closeConnection(evicted);
            }
        }

        void unreserve() {
            lock.lock();
            try {
                total--;
                changed.signal();
            } finally {
                lock.unlock();
            }
        }

        void release(Connection connection, boolean reusable) {
            boolean keep;
            lock.lock();
            try {
                keep = reusable && !closed;
                if (keep) {
                    connection.lastUsed = clock.instant();
                    idle.addFirst(connection);
                } else {
                    total--;
                }
                changed.signal();
            } finally {
                lock.unlock();
            }
            if (!keep) closeConnection(connection);
        }

        /** Closes idle connections last used before {@code cutoff}; true if the pool is now empty and closed. */
        boolean closeIdleBefore(Instant cutoff) {
            Deque<Connection> stale = new ArrayDeque<>();
            boolean empty;
            lock.lock();
            try {
                for (Iterator<Connection> it = idle.iterator(); it.hasNext(); ) {
                    Connection c = it.next();
                    if (c.lastUsed.isBefore(cutoff)) {
                        it.remove();
                        stale.add(c);
                        total--;
                    }
                }
                empty = total == 0;
                if (empty) closed = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            stale.forEach(MailConnections.this::closeConnection);
            return empty;
        }

        void shutdown() {
            Deque<Connection> all;
            lock.lock();
            try {
                closed = true;
                all = new ArrayDeque<>(idle);
                total -= idle.size();
                idle.clear();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            all.forEach(MailConnections.this::closeConnection);
        }

        int total() {
            lock.lock();
            try {
                return total;
            } finally {
                lock.unlock();
            }
        }
    }
}

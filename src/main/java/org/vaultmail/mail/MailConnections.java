package org.vaultmail.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * A per-session pool of authenticated {@link MailStore} connections (ADR 0008, "Connection pool"). A session
 * has at most {@code perSession} connections, each leased to one caller at a time; a caller waits up to
 * {@code wait} for one, then gets {@code UNAVAILABLE}. A user (an address), however many sessions they have, holds at
 * most {@code perUser} connections on this node, and each mail server (host:port) has at most {@code perServer}
 * across all sessions. At the user's cap, or when the server's is reached, the user's own least recently used idle
 * connection is closed to make room, never another user's (ADR 0029). Credentials are asked for only to open a
 * connection. The pieces: {@link SessionPool} (one session's connections), {@link UserShare} (one user's, over their
 * sessions, with the lock that guards them), {@link ServerConnections} (the per-server cap and the login).
 */
public final class MailConnections implements AutoCloseable {

    private final int perSession;
    private final int perUser;
    private final Duration idleTimeout;
    private final Duration wait;
    private final Clock clock;
    private final Map<String, SessionPool> sessions = new ConcurrentHashMap<>();
    private final Map<String, UserShare> users = new ConcurrentHashMap<>();
    private final ServerConnections serverConnections;

    /** Without a cap per user beyond the server's. */
    public MailConnections(MailStoreFactory factory, int perSession, int perServer, Duration idleTimeout,
                           Duration wait, Clock clock) {
        this(factory, perSession, perServer, perServer, idleTimeout, wait, clock);
    }

    public MailConnections(MailStoreFactory factory, int perSession, int perUser, int perServer, Duration idleTimeout,
                           Duration wait, Clock clock) {
        if (perSession < 1 || perUser < 1 || perServer < 1) throw new IllegalArgumentException("pool sizes must be positive");
        this.serverConnections = new ServerConnections(factory, perServer);
        this.perSession = perSession;
        this.perUser = perUser;
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
            UserShare share = users.computeIfAbsent(user, u -> new UserShare(u, users, serverConnections));
            share.lock.lock();
            try {
                if (share.retired) continue;
                SessionPool created = new SessionPool(share, perSession, perUser, clock, serverConnections);
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
            PooledConnection connection;
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
                connection.store = serverConnections.open(servers, address, credentials, deadline,
                        pool.user::closeLeastRecentlyUsedIdle);
            } catch (RuntimeException | Error e) {
                pool.unreserve();
                throw e;
            }
            connection.server = ServerConnections.key(servers);
            return new Lease(pool, connection);
        }
    }

    private record Lease(SessionPool pool, PooledConnection connection) {
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

}

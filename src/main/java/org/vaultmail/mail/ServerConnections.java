package org.vaultmail.mail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * The per-server side of {@link MailConnections}: at most {@code perServer} connections to each mail server
 * (host:port) across all sessions of this node, the login that opens one under that cap (a refused access token is
 * dropped and tried once more with a fresh one, issue 15), and closing one, which gives its slot back.
 */
final class ServerConnections {

    private final MailStoreFactory factory;
    private final int perServer;
    private final Map<String, Semaphore> servers = new ConcurrentHashMap<>();

    ServerConnections(MailStoreFactory factory, int perServer) {
        this.factory = factory;
        this.perServer = perServer;
    }

    static String key(MailServers servers) {
        return servers.imap().host() + ":" + servers.imap().port();
    }

    /**
     * Logs in on a slot of the server; when the server is full, {@code makeRoom} (the user's own least recently used
     * idle connection to it, never another user's) is tried before waiting until {@code deadline}.
     */
    MailStore open(MailServers mailServers, String address, CredentialSource credentials, long deadline,
                   Predicate<String> makeRoom) {
        String key = key(mailServers);
        Semaphore server = servers.computeIfAbsent(key, k -> new Semaphore(perServer));
        try {
            boolean got = server.tryAcquire();
            if (!got && makeRoom.test(key)) got = server.tryAcquire();
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

    private MailStore login(MailServers mailServers, String address, CredentialSource credentials) {
        try {
            return factory.open(mailServers, address, credentials);
        } catch (MailStoreException e) {
            if (e.reason() != Reason.WRONG_CREDENTIALS || credentials.mechanism() != CredentialSource.Mechanism.XOAUTH2) throw e;
            credentials.refused();
            return factory.open(mailServers, address, credentials);
        }
    }

    /** Closes the connection's store, if it has one, and gives its server slot back. */
    void close(PooledConnection connection) {
        MailStore store = connection.store;
        if (store == null) return;
        try {
            store.close();
        } catch (RuntimeException e) {
            // gone either way
        } finally {
            @Nullable Semaphore server = connection.server == null ? null : servers.get(connection.server);
            if (server != null) server.release();
        }
    }
}

package org.vaultmail.migrate.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The node's per-host limits, shared by every job the node runs (one instance per node): a cap on open connections
 * per {@link ImapAccount#hostKey()}, and messages/s and bytes/s token buckets per host. A per-host override replaces
 * the defaults for that host; 0 means no rate limit.
 */
public final class HostLimits {

    /** One host's limits: connections at once, messages per second, bytes per second (0: unlimited). */
    public record Limit(int connections, double messagesPerSecond, long bytesPerSecond) {
        public Limit {
            if (connections < 2) throw new IllegalArgumentException("a host needs at least 2 connections (a worker's pair)");
            if (messagesPerSecond < 0 || bytesPerSecond < 0) throw new IllegalArgumentException("rates must not be negative");
        }
    }

    private final Limit defaults;
    private final Map<String, Limit> overrides;
    private final LongSupplier ticker;
    private final TokenBucket.Sleeper sleeper;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    public HostLimits(Limit defaults, Map<String, Limit> overrides) {
        this(defaults, overrides, System::nanoTime, TokenBucket.Sleeper.REAL);
    }

    HostLimits(Limit defaults, Map<String, Limit> overrides, LongSupplier ticker, TokenBucket.Sleeper sleeper) {
        this.defaults = Objects.requireNonNull(defaults);
        this.overrides = Map.copyOf(overrides);
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /** The settings' connection cap for every host, no rate limit. */
    public static HostLimits of(EngineSettings settings) {
        return new HostLimits(new Limit(settings.connectionsPerHost(), 0, 0), Map.of());
    }

    /** Connections open to {@code hostKey} right now (for the progress page and tests). */
    public int inUse(String hostKey) {
        Host host = hosts.get(hostKey);
        return host == null ? 0 : host.cap - host.connections.availablePermits();
    }

    /** Blocks until the host's buckets let {@code messages} and {@code bytes} go. */
    public void pace(String hostKey, int messages, long bytes) throws InterruptedException {
        Host host = host(hostKey);
        if (host.messages != null) host.messages.take(messages);
        if (host.bytes != null) host.bytes.take(bytes);
    }

    /**
     * Takes one connection slot on each host key given (one per key occurrence), all or nothing, in a fixed order so
     * two jobs going opposite ways between the same two hosts cannot deadlock. Close the result to give them back.
     */
    Permits acquire(List<String> hostKeys) throws InterruptedException {
        Map<String, Integer> wanted = new TreeMap<>();
        hostKeys.forEach(k -> wanted.merge(k, 1, Integer::sum));
        Map<Host, Integer> held = new java.util.LinkedHashMap<>();
        try {
            for (var e : wanted.entrySet()) {
                Host host = host(e.getKey());
                host.connections.acquire(e.getValue());
                held.put(host, e.getValue());
            }
        } catch (InterruptedException e) {
            held.forEach((h, n) -> h.connections.release(n));
            throw e;
        }
        return new Permits(held);
    }

    private Host host(String hostKey) {
        return hosts.computeIfAbsent(hostKey, k -> new Host(overrides.getOrDefault(k, defaults), ticker, sleeper));
    }

    /** Connection slots held; closing releases them once. */
    static final class Permits implements AutoCloseable {
        private Map<Host, Integer> held;

        private Permits(Map<Host, Integer> held) {
            this.held = held;
        }

        @Override
        public synchronized void close() {
            held.forEach((h, n) -> h.connections.release(n));
            held = Map.of();
        }
    }

    private static final class Host {
        final int cap;
        final Semaphore connections;
        final @Nullable TokenBucket messages;
        final @Nullable TokenBucket bytes;

        Host(Limit limit, LongSupplier ticker, TokenBucket.Sleeper sleeper) {
            cap = limit.connections();
            connections = new Semaphore(cap, true);
            messages = limit.messagesPerSecond() > 0 ? new TokenBucket(limit.messagesPerSecond(), ticker, sleeper) : null;
            bytes = limit.bytesPerSecond() > 0 ? new TokenBucket(limit.bytesPerSecond(), ticker, sleeper) : null;
        }
    }
}

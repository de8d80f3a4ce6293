package org.vaultmail.migrate.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback to one server port, for tests: counts connections (open now, most at once, all accepted)
 * and {@link #cutAll} closes every live one, as a network failure would.
 */
final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    private CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).name("proxy-accept-" + targetPort).start(this::accept);
    }

    static CuttableProxy to(int targetPort) {
        try {
            return new CuttableProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    int open() {
        return open.get();
    }

    int maxOpen() {
        return maxOpen.get();
    }

    int accepted() {
        return accepted.get();
    }

    /** Closes every live connection (both legs). */
    void cutAll() {
        for (Socket s : live) closeQuietly(s);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                accepted.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                live.add(client);
                live.add(upstream);
                AtomicInteger legs = new AtomicInteger(2);
                Runnable ended = () -> {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    live.remove(client);
                    live.remove(upstream);
                    if (legs.decrementAndGet() == 1) open.decrementAndGet(); // the first leg to end ends it
                };
                Thread.ofVirtual().start(() -> pump(client, upstream, ended));
                Thread.ofVirtual().start(() -> pump(upstream, client, ended));
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection end
            }
        }
    }

    private static void pump(Socket from, Socket to, Runnable ended) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut or closed
        } finally {
            ended.run();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        cutAll();
    }
}

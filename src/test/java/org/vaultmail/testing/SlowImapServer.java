package org.vaultmail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny plain-text IMAP server on loopback that refuses every LOGIN after a delay, and counts the LOGINs it
 * saw: what a password guess costs the mail server. Just enough protocol for Angus Mail's connect (greeting,
 * CAPABILITY, LOGIN, LOGOUT; anything else is answered OK), on a virtual thread per connection.
 */
public final class SlowImapServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Duration loginDelay;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    private SlowImapServer(Duration loginDelay) throws IOException {
        this.loginDelay = loginDelay;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("slow-imap-accept").start(this::accept);
    }

    /** Starts a server whose every LOGIN takes {@code loginDelay} and fails. */
    public static SlowImapServer start(Duration loginDelay) {
        try {
            return new SlowImapServer(loginDelay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** LOGIN commands received so far. */
    public int logins() {
        return logins.get();
    }

    /** The most LOGINs that were in progress at once. */
    public int maxConcurrentLogins() {
        return maxConcurrent.get();
    }

    public void reset() {
        logins.set(0);
        maxConcurrent.set(0);
    }

    /** Vaultmail properties mapping {@code domain} to this server (plain IMAP; SMTP points at it too, unused). */
    public Map<String, String> domainProperties(int index, String domain) {
        String prefix = "vaultmail.domains[" + index + "].";
        Map<String, String> props = new LinkedHashMap<>();
        props.put(prefix + "domain", domain);
        props.put(prefix + "imap.host", "127.0.0.1");
        props.put(prefix + "imap.port", Integer.toString(port()));
        props.put(prefix + "imap.security", "plain");
        props.put(prefix + "smtp.host", "127.0.0.1");
        props.put(prefix + "smtp.port", Integer.toString(port()));
        props.put(prefix + "smtp.security", "plain");
        return props;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().name("slow-imap").start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = client.getOutputStream();
            write(out, "* OK [CAPABILITY IMAP4rev1] slow test server ready");
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.split(" ", 3);
                String tag = words[0];
                String command = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
                switch (command) {
                    case "CAPABILITY" -> {
                        write(out, "* CAPABILITY IMAP4rev1");
                        write(out, tag + " OK CAPABILITY completed");
                    }
                    case "LOGIN" -> {
                        logins.incrementAndGet();
                        int now = concurrent.incrementAndGet();
                        maxConcurrent.accumulateAndGet(now, Math::max);
                        try {
                            Thread.sleep(loginDelay); // a slow LOGIN, as configured
                        } finally {
                            concurrent.decrementAndGet();
                        }
                        write(out, tag + " NO [AUTHENTICATIONFAILED] Authentication failed.");
                    }
                    case "LOGOUT" -> {
                        write(out, "* BYE logging out");
                        write(out, tag + " OK LOGOUT completed");
                        return;
                    }
                    default -> write(out, tag + " OK done");
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}

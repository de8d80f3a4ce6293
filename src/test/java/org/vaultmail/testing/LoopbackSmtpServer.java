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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server on loopback for the outbox's tests (RFC 5321 subset: EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT), one virtual thread per connection. It can delay its RCPT reply or its reply after the data
 * (a message counts as received at the final dot, before that reply: what a server that crashes the client mid-reply
 * has), answer scripted 4xx/5xx replies at a stage, refuse chosen recipients, and counts what it received by
 * Message-ID. Runs in the test's JVM, so it outlives a child node killed with SIGKILL.
 */
public final class LoopbackSmtpServer implements AutoCloseable {

    public enum Stage { MAIL, RCPT, DATA, END }

    /** What arrived: the envelope and the raw data (dot-unstuffed, CRLF lines). */
    public record Received(String from, List<String> to, String data, String messageId) {
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");

    private final ServerSocket socket;
    private final String user;
    private volatile String password;
    private volatile Duration rcptDelay = Duration.ZERO;
    private volatile Duration endDelay = Duration.ZERO;
    private final Map<Stage, ConcurrentLinkedQueue<String>> scripted = new EnumMap<>(Stage.class);
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger rcptCommands = new AtomicInteger();
    private final AtomicInteger authFailures = new AtomicInteger();
    private final AtomicInteger dataCommands = new AtomicInteger();

    private LoopbackSmtpServer(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        for (Stage s : Stage.values()) scripted.put(s, new ConcurrentLinkedQueue<>());
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("loopback-smtp-accept").start(this::accept);
    }

    public static LoopbackSmtpServer start(String user, String password) {
        try {
            return new LoopbackSmtpServer(user, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void password(String newPassword) {
        this.password = newPassword;
    }

    /** Every RCPT is answered only after {@code delay}. */
    public void delayRcpt(Duration delay) {
        rcptDelay = delay;
    }

    /** The reply to the final dot comes only after {@code delay} (the message is already counted). */
    public void delayEndOfData(Duration delay) {
        endDelay = delay;
    }

    /** The next {@code times} commands of {@code stage} are answered with {@code reply} (e.g. {@code 451 4.3.0 busy}). */
    public void answer(Stage stage, String reply, int times) {
        for (int i = 0; i < times; i++) scripted.get(stage).add(reply);
    }

    public void refuseRecipient(String address, String reply) {
        refused.put(address.toLowerCase(Locale.ROOT), reply);
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many times a message with this Message-ID (without brackets) arrived. */
    public long count(String messageId) {
        return received().stream().filter(r -> r.messageId().equals(messageId)).count();
    }

    public int rcptCommands() {
        return rcptCommands.get();
    }

    public int dataCommands() {
        return dataCommands.get();
    }

    public int authFailures() {
        return authFailures.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().name("loopback-smtp").start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1))) {
            OutputStream out = client.getOutputStream();
            write(out, "220 loopback ESMTP test server");
            String from = null;
            List<String> to = new ArrayList<>();
            boolean authenticated = false;
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    write(out, "250-loopback\r\n250-AUTH PLAIN\r\n250-8BITMIME\r\n250 SIZE 52428800");
                } else if (upper.startsWith("HELO")) {
                    write(out, "250 loopback");
                } else if (upper.startsWith("AUTH PLAIN")) {
                    String initial = line.length() > 11 ? line.substring(11).trim() : "";
                    if (initial.isEmpty()) {
                        write(out, "334 ");
                        initial = in.readLine();
                    }
                    authenticated = checkPlain(initial);
                    if (authenticated) {
                        write(out, "235 2.7.0 Authentication successful");
                    } else {
                        authFailures.incrementAndGet();
                        write(out, "535 5.7.8 Authentication credentials invalid");
                    }
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (!authenticated) {
                        write(out, "530 5.7.0 Authentication required");
                        continue;
                    }
                    String s = scripted.get(Stage.MAIL).poll();
                    if (s != null) {
                        write(out, s);
                        continue;
                    }
                    from = address(line.substring(10));
                    to = new ArrayList<>();
                    write(out, "250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    rcptCommands.incrementAndGet();
                    Thread.sleep(rcptDelay); // a slow RCPT answer, as configured
                    String s = scripted.get(Stage.RCPT).poll();
                    String rcpt = address(line.substring(8));
                    String refusal = refused.get(rcpt.toLowerCase(Locale.ROOT));
                    if (s != null) {
                        write(out, s);
                    } else if (refusal != null) {
                        write(out, refusal);
                    } else {
                        to.add(rcpt);
                        write(out, "250 2.1.5 Ok");
                    }
                } else if (upper.equals("DATA")) {
                    dataCommands.incrementAndGet();
                    String s = scripted.get(Stage.DATA).poll();
                    if (s != null || from == null || to.isEmpty()) {
                        write(out, s != null ? s : "503 5.5.1 need MAIL and RCPT first");
                        continue;
                    }
                    write(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) {
                        data.append(l.startsWith(".") ? l.substring(1) : l).append("\r\n");
                    }
                    if (l == null) return; // the client went away in the middle: nothing received
                    String end = scripted.get(Stage.END).poll();
                    if (end == null || end.startsWith("2")) {
                        Matcher m = MESSAGE_ID.matcher(data);
                        received.add(new Received(from, List.copyOf(to), data.toString(), m.find() ? m.group(1) : ""));
                    }
                    Thread.sleep(endDelay); // a slow answer to the end of DATA, as configured
                    write(out, end != null ? end : "250 2.0.0 Ok: queued as T" + received.size());
                    from = null;
                    to = new ArrayList<>();
                } else if (upper.equals("RSET")) {
                    from = null;
                    to = new ArrayList<>();
                    write(out, "250 2.0.0 Ok");
                } else if (upper.equals("NOOP")) {
                    write(out, "250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    write(out, "221 2.0.0 Bye");
                    return;
                } else {
                    write(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean checkPlain(String base64) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).split("\0", -1);
            return parts.length == 3 && parts[1].equals(user) && parts[2].equals(password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String address(String arg) {
        String a = arg.trim();
        int close = a.indexOf('>');
        return a.startsWith("<") && close > 0 ? a.substring(1, close) : a.split(" ")[0];
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
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

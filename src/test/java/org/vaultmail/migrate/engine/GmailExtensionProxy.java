package org.vaultmail.migrate.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test double for Gmail's IMAP extension only (ADR 0046): a loopback proxy in front of Dovecot that advertises
 * {@code X-GM-EXT-1} and answers {@code UID FETCH … (UID X-GM-MSGID)} by asking Dovecot for the Message-ID header and
 * answering a number derived from it (Gmail's id is the same in every folder that shows the message; so is this one
 * for the test mailbox's unique Message-IDs). Everything else passes through byte for byte.
 */
final class GmailExtensionProxy implements AutoCloseable {

    private static final Pattern GM_FETCH = Pattern.compile("^(\\S+) UID FETCH (\\S+) \\(UID X-GM-MSGID\\)\r\n$");
    private static final Pattern HEADER_REPLY = Pattern.compile(
            "^\\* (\\d+) FETCH \\(UID (\\d+) BODY\\[HEADER\\.FIELDS \\(MESSAGE-ID\\)\\] \\{(\\d+)\\}\r\n$");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?\\}\r\n$");

    private final ServerSocket socket;
    private final int upstream;
    final AtomicInteger msgidFetches = new AtomicInteger();

    GmailExtensionProxy(int upstreamPort) {
        this.upstream = upstreamPort;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("gmail-proxy").start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException e) {
                // closed
            }
        }
    }

    /** Copies line by line (literals as they are), rewriting the X-GM-MSGID fetch one way and its answers the other. */
    private void pump(Socket from, Socket to, boolean clientToServer) {
        try (from; to) {
            InputStream in = new BufferedInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            byte[] line;
            while ((line = readLine(in)) != null) {
                String text = new String(line, StandardCharsets.ISO_8859_1);
                if (clientToServer) {
                    Matcher m = GM_FETCH.matcher(text);
                    if (m.matches()) {
                        msgidFetches.incrementAndGet();
                        text = m.group(1) + " UID FETCH " + m.group(2) + " (UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])\r\n";
                        line = text.getBytes(StandardCharsets.ISO_8859_1);
                    }
                    out.write(line);
                    copyLiteral(text, in, out);
                } else {
                    Matcher h = HEADER_REPLY.matcher(text);
                    if (h.matches()) {
                        byte[] header = in.readNBytes(Integer.parseInt(h.group(3)));
                        readLine(in); // ")"
                        long id = Integer.toUnsignedLong(new String(header, StandardCharsets.ISO_8859_1).strip().hashCode());
                        out.write(("* " + h.group(1) + " FETCH (UID " + h.group(2) + " X-GM-MSGID " + id + ")\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                    } else if (text.contains("CAPABILITY ")) {
                        int close = text.indexOf(']');
                        text = text.startsWith("* CAPABILITY") ? text.replace("\r\n", " X-GM-EXT-1\r\n")
                                : close > 0 ? text.substring(0, close) + " X-GM-EXT-1" + text.substring(close) : text;
                        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        out.write(line);
                        copyLiteral(text, in, out);
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        }
    }

    private static void copyLiteral(String line, InputStream in, OutputStream out) throws IOException {
        Matcher l = LITERAL.matcher(line);
        if (l.find()) out.write(in.readNBytes(Integer.parseInt(l.group(1))));
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            if (c == '\n') return b.toByteArray();
        }
        return b.size() == 0 ? null : b.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

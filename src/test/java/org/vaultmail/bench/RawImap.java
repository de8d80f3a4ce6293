package org.vaultmail.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.vaultmail.account.TrustStores;

/**
 * The floor: IMAP commands written straight to one persistent connection and their responses read to the
 * tagged completion, nothing parsed beyond what the next command needs. Literals ({@code {n}}) are read
 * as bytes, so a fetched message costs exactly its transfer.
 */
final class RawImap implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    /** Our own read buffer: scanning for CRLF a byte at a time through a stream would tax the floor. */
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private final OutputStream out;
    private int tag;

    private RawImap(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        readLine(new ByteArrayOutputStream()); // greeting
    }

    /** Connects (TLS trusting exactly {@code certificate} when given) and logs in. */
    static RawImap login(String host, int port, @org.jspecify.annotations.Nullable Path certificate, String user, String password) {
        try {
            Socket socket;
            if (certificate != null) {
                var tls = TrustStores.sslContext(TrustStores.load(certificate, null)).getSocketFactory();
                SSLSocket ssl = (SSLSocket) tls.createSocket(host, port);
                ssl.startHandshake();
                socket = ssl;
            } else {
                socket = new Socket(host, port);
            }
            socket.setTcpNoDelay(true);
            RawImap imap = new RawImap(socket);
            imap.command("LOGIN " + quoted(user) + " " + quoted(password));
            return imap;
        } catch (IOException e) {
            throw new UncheckedIOException("IMAP " + host + ":" + port, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("trust store " + certificate + ": " + e.getMessage(), e);
        }
    }

    /** Sends one command and returns its untagged responses (literals inline); fails unless it ends OK. */
    List<String> command(String command) {
        String t = "b" + (++tag);
        try {
            out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> untagged = new ArrayList<>();
            while (true) {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                readResponse(response);
                String line = response.toString(StandardCharsets.UTF_8);
                if (line.startsWith(t + " ")) {
                    if (!line.startsWith(t + " OK")) {
                        throw new IllegalStateException("IMAP " + command.split(" ", 2)[0] + ": " + line.strip());
                    }
                    return untagged;
                }
                untagged.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numbers of a {@code * SORT} or {@code * SEARCH} response, in order. */
    static List<Long> numbers(List<String> untagged, String kind) {
        List<Long> result = new ArrayList<>();
        for (String line : untagged) {
            if (!line.startsWith("* " + kind)) continue;
            for (String word : line.substring(2 + kind.length()).trim().split("\\s+")) {
                if (!word.isEmpty()) result.add(Long.parseLong(word));
            }
        }
        return result;
    }

    /** One response: a line, and if it announces a literal, the literal and the rest of the line, repeatedly. */
    private void readResponse(ByteArrayOutputStream response) throws IOException {
        while (true) {
            int start = response.size();
            readLine(response);
            byte[] all = response.toByteArray();
            int end = all.length - 2; // before CRLF
            if (end > start && all[end - 1] == '}') {
                int open = end - 1;
                while (open > start && all[open] != '{') open--;
                int length = Integer.parseInt(new String(all, open + 1, end - open - 2, StandardCharsets.US_ASCII).replace("+", ""));
                readBytes(response, length);
                continue;
            }
            return;
        }
    }

    private void readLine(ByteArrayOutputStream line) throws IOException {
        while (true) {
            if (position == limit) fill();
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, position, i + 1 - position);
                    position = i + 1;
                    return; // IMAP lines end in CRLF; a bare LF is taken as the end too
                }
            }
            line.write(buffer, position, limit - position);
            position = limit;
        }
    }

    private void readBytes(ByteArrayOutputStream into, int length) throws IOException {
        int left = length;
        while (left > 0) {
            if (position == limit) fill();
            int n = Math.min(left, limit - position);
            into.write(buffer, position, n);
            position += n;
            left -= n;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) throw new IOException("connection closed by the IMAP server");
        position = 0;
        limit = n;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        try {
            command("LOGOUT");
        } catch (RuntimeException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // gone either way
        }
    }
}

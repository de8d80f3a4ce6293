package org.vaultmail.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 GET client over one kept-alive socket, the counterpart of the floor's raw IMAP
 * connection: the request written in one go, the status line, headers and body (Content-Length or
 * chunked) read straight off the socket. It shows what the server takes without the JDK client's own
 * cost (its selector thread, executors and body handlers), which on this machine is several milliseconds.
 */
final class RawHttp implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(String base) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort();
        connect();
    }

    private void connect() {
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A timed GET: from writing the request to the last byte of the body. */
    Http.Reply get(String path, String... headers) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\n");
        for (int i = 0; i < headers.length; i += 2) request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        byte[] bytes = request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        try {
            long start = System.nanoTime();
            out.write(bytes);
            out.flush();
            int status = Integer.parseInt(line().split(" ", 3)[1]);
            Map<String, List<String>> head = new LinkedHashMap<>();
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                head.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.substring(colon + 1).trim());
            }
            byte[] body = body(head);
            long nanos = System.nanoTime() - start;
            if (head.getOrDefault("connection", List.of()).contains("close")) {
                socket.close();
                connect();
            }
            return new Http.Reply(status, head, body, nanos);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + ": " + e, e);
        }
    }

    private byte[] body(Map<String, List<String>> head) throws IOException {
        List<String> length = head.get("content-length");
        if (length != null) return in.readNBytes(Integer.parseInt(length.getFirst()));
        if (!head.getOrDefault("transfer-encoding", List.of()).contains("chunked")) return new byte[0];
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunk(); size > 0; size = chunk()) {
            body.write(in.readNBytes(size));
            line(); // CRLF after the chunk
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            // trailers: none expected
        }
        return body.toByteArray();
    }

    private int chunk() throws IOException {
        String size = line();
        int semicolon = size.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new IOException("connection closed");
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

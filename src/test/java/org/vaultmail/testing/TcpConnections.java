package org.vaultmail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Established TCP connections whose server side is this loopback port (Linux {@code /proc/net/tcp}). */
public final class TcpConnections {

    private TcpConnections() {
    }

    /** Established connections to {@code port} (IPv4 and IPv6), counted on the server side. */
    public static int to(int port) {
        try {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
            List<String> v6 = Files.readAllLines(Path.of("/proc/net/tcp6"));
            lines.addAll(v6.subList(1, v6.size()));
            String local = ":" + String.format(Locale.ROOT, "%04X", port);
            int n = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[1].endsWith(local) && f[3].equals("01")) n++; // 01 = ESTABLISHED
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

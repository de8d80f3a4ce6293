package org.vaultmail.migrate.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback IMAP server that answers NAMESPACE, LIST and LSUB with fixed lines: for server shapes the shared ones
 * lack (UTF8=ACCEPT, other namespaces). Any other command is answered OK; the commands are recorded.
 */
final class ScriptedImapServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String capabilities;
    private final String namespace;
    private final List<String> list;
    private final List<String> lsub;
    final List<String> commands = new CopyOnWriteArrayList<>();

    ScriptedImapServer(String capabilities, String namespace, List<String> list, List<String> lsub) {
        this.capabilities = capabilities;
        this.namespace = namespace;
        this.list = list;
        this.lsub = lsub;
        try {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("scripted-imap").start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                serve(client);
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    private void serve(Socket client) throws IOException {
        var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        write(out, "* OK [CAPABILITY " + capabilities + "] scripted");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            commands.add(line.replaceFirst("(?i)^(\\S+ LOGIN) .*", "$1 ***"));
            String[] parts = line.split(" ", 2);
            String tag = parts[0];
            String command = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
            if (command.startsWith("CAPABILITY")) write(out, "* CAPABILITY " + capabilities);
            if (command.startsWith("NAMESPACE")) write(out, "* NAMESPACE " + namespace);
            if (command.startsWith("ENABLE")) write(out, "* ENABLED UTF8=ACCEPT");
            if (command.startsWith("LIST")) for (String l : list) write(out, "* LIST " + l);
            if (command.startsWith("LSUB")) for (String l : lsub) write(out, "* LSUB " + l);
            if (command.startsWith("LOGOUT")) write(out, "* BYE bye");
            write(out, tag + " OK done");
            if (command.startsWith("LOGOUT")) return;
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

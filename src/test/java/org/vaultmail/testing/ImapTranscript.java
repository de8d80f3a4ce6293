package org.vaultmail.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A loopback forwarder to a plain IMAP port that writes down both sides of every conversation through it: the
 * client's lines as sent (LOGIN and AUTHENTICATE arguments blanked) and the server's answers. Point a store at
 * {@link #port()} to see the commands it really sends, without a hook in the code under test. Optionally it strips
 * capabilities from what the server announces, so the client meets a server without them (to test fallbacks), and
 * {@link #cut()} drops every connection through it, as a broken network would.
 */
public final class ImapTranscript implements AutoCloseable {

    /** A command line of the client: a tag (Angus's are A1, B2…), then anything but a tagged answer. */
    private static final Pattern CLIENT_COMMAND = Pattern.compile("(?m)^[A-Z]+\\d+ (?!OK |NO |BAD )");
    private static final Pattern CREDENTIALS = Pattern.compile("^(\\S+ (?i:LOGIN|AUTHENTICATE) ).*", Pattern.DOTALL);
    /** AUTHENTICATE without an initial response: the credentials follow on the client's next line. */
    private static final Pattern AUTHENTICATE_ALONE = Pattern.compile("^\\S+ (?i:AUTHENTICATE) \\S+\r?\n$");

    /** Where a server announces capabilities: an untagged CAPABILITY, or the CAPABILITY response code of an OK. */
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}\r?\n$");
    private static final Pattern ANNOUNCEMENT = Pattern.compile("^(\\* CAPABILITY |\\S+ OK \\[CAPABILITY )");

    private final ServerSocket server;
    private final Set<String> hidden;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public ImapTranscript(String host, int targetPort) throws IOException {
        this(host, targetPort, Set.of());
    }

    /** A transcript through which the server seems to lack these capabilities (e.g. {@code "SORT"}, {@code "MOVE"}). */
    public ImapTranscript(String host, int targetPort, Set<String> hiddenCapabilities) throws IOException {
        hidden = hiddenCapabilities.stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(host, targetPort);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream, true);
                    pump(upstream, client, false);
                } catch (IOException e) {
                    // closed
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Everything written down so far. */
    public String text() {
        synchronized (transcript) {
            return transcript.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many characters were written down so far: {@code text().substring(mark)} is what came after. */
    public int mark() {
        return text().length();
    }

    /** How many commands the clients sent so far (a NOOP is a command). */
    public int commands() {
        return (int) CLIENT_COMMAND.matcher(text()).results().count();
    }

    /** How many commands of this kind (e.g. {@code "SORT"}, {@code "UID FETCH"}) the clients sent so far. */
    public int commands(String command) {
        return (int) Pattern.compile("(?m)^[A-Z]+\\d+ " + Pattern.quote(command) + " ").matcher(text()).results().count();
    }

    /**
     * Passes the stream on line by line, each written down first (so the transcript keeps the order of the
     * conversation); the bytes of a literal ({@code {n}} at the end of a line) are passed on but not written down,
     * so a 20 MB message costs the transcript nothing.
     */
    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                boolean credentials = false;
                long literal = 0;
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    for (int i = 0; i < n; ) {
                        if (literal > 0) {
                            int k = (int) Math.min(literal, n - i);
                            out.write(buffer, i, k);
                            literal -= k;
                            i += k;
                            continue;
                        }
                        byte b = buffer[i++];
                        line.write(b);
                        if (b != '\n') continue;
                        byte[] bytes = line.toByteArray();
                        line.reset();
                        String text = new String(bytes, StandardCharsets.ISO_8859_1);
                        if (fromClient) {
                            credentials = writeClientLine(text, credentials);
                        } else {
                            bytes = withoutHidden(bytes);
                            write(bytes, bytes.length);
                        }
                        out.write(bytes);
                        Matcher size = LITERAL.matcher(text);
                        if (size.find()) literal = Long.parseLong(size.group(1));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                try {
                    to.close();
                } catch (IOException e) {
                    // closed
                }
            }
        });
    }

    /** The server's line, without the hidden capabilities if it announces capabilities. */
    private byte[] withoutHidden(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        if (hidden.isEmpty() || !ANNOUNCEMENT.matcher(text).find()) return line;
        for (String capability : hidden) {
            text = Pattern.compile("(?i) " + Pattern.quote(capability) + "(?=[ \\]\r\n])").matcher(text).replaceAll("");
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes the client's line down, blanked if it holds credentials; whether the next line holds them. */
    private boolean writeClientLine(String line, boolean credentials) {
        String shown = credentials ? "(credentials)\r\n" : CREDENTIALS.matcher(line).replaceFirst("$1(credentials)\r\n");
        byte[] bytes = shown.getBytes(StandardCharsets.ISO_8859_1); // the bytes as sent (UTF-8 mailbox names stay UTF-8)
        write(bytes, bytes.length);
        return AUTHENTICATE_ALONE.matcher(line).matches();
    }

    private void write(byte[] bytes, int length) {
        synchronized (transcript) {
            transcript.write(bytes, 0, length);
        }
    }

    /** Closes every connection made so far, as a dropped network would; new ones are still forwarded. */
    public void cut() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
        open.clear();
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

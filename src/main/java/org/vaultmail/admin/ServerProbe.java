package org.vaultmail.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.TrustStores;

/**
 * The one raw-socket look at a configured mail server, for {@code doctor} and the console's "Test connection":
 * connects with the configured security (TLS, STARTTLS or plain), checks the certificate against the domain's trust
 * store and the host name as sign-in does, and reports the TLS parameters. {@link Depth#CAPABILITIES} also reads the
 * server's capabilities (IMAP CAPABILITY, SMTP EHLO; after TLS, since servers may advertise more then). It never logs
 * in and sends no credential.
 */
public final class ServerProbe {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_LINES = 64;

    public enum Protocol { IMAP, SMTP }

    /** How far to go: connect and TLS only (the doctor), or the capabilities too (the console). */
    public enum Depth { REACHABILITY, CAPABILITIES }

    /**
     * What the probe found; {@code failure} is set when it failed (what went wrong, in words), with whatever was
     * learnt before; {@code failureType} is the exception's simple name; {@code startTlsRefused}: the server answered
     * but would not switch to TLS.
     */
    public record Result(String domain, Protocol protocol, String endpoint, @Nullable String tlsProtocol, @Nullable String cipher,
                         @Nullable String subject, @Nullable String issuer, @Nullable Instant notAfter, List<String> capabilities,
                         @Nullable String failureType, @Nullable String failure, boolean startTlsRefused, long millis) {

        public boolean ok() {
            return failure == null;
        }

        public boolean encrypted() {
            return tlsProtocol != null;
        }

        /** The failure as the console shows it ({@code ConnectException: Connection refused}); null when it worked. */
        public @Nullable String error() {
            return failure == null ? null : failureType + ": " + failure;
        }
    }

    private ServerProbe() {
    }

    public static Result probe(String domain, Protocol protocol, MailServers.Endpoint endpoint, Optional<KeyStore> trustAnchors,
                               Depth depth) {
        long started = System.nanoTime();
        var r = new Builder(domain, protocol, endpoint);
        int timeout = (int) TIMEOUT.toMillis();
        boolean full = depth == Depth.CAPABILITIES;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeout);
            plain.setSoTimeout(timeout);
            Conversation talk = null;
            if (endpoint.security() == Security.TLS) {
                talk = new Conversation(handshake(plain, endpoint, trustAnchors, r));
                if (full) talk.greeting(protocol);
            } else if (endpoint.security() == Security.STARTTLS) {
                Conversation clear = new Conversation(plain);
                clear.greeting(protocol);
                if (!clear.startTls(protocol)) {
                    r.startTlsRefused = true;
                    throw new IOException("the server refused STARTTLS");
                }
                talk = new Conversation(handshake(plain, endpoint, trustAnchors, r));
            } else if (full) {
                talk = new Conversation(plain);
                talk.greeting(protocol);
            }
            if (full && talk != null) {
                r.capabilities = talk.capabilities(protocol);
                talk.bye(protocol);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            r.failureType = e.getClass().getSimpleName();
            r.failure = CommandLineInterface.describe(e);
        }
        return r.build(Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static SSLSocket handshake(Socket socket, MailServers.Endpoint endpoint, Optional<KeyStore> anchors, Builder r)
            throws IOException, GeneralSecurityException {
        SSLContext context = anchors.isPresent() ? TrustStores.sslContext(anchors.get()) : SSLContext.getDefault();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, endpoint.host(), endpoint.port(), false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, as for sign-in
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        r.tlsProtocol = tls.getSession().getProtocol();
        r.cipher = tls.getSession().getCipherSuite();
        Certificate[] chain = tls.getSession().getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
            r.subject = leaf.getSubjectX500Principal().getName();
            r.issuer = leaf.getIssuerX500Principal().getName();
            r.notAfter = leaf.getNotAfter().toInstant();
        }
        return tls;
    }

    /** Line-based IMAP/SMTP talk: only greeting, STARTTLS, CAPABILITY/EHLO and LOGOUT/QUIT. */
    private static final class Conversation {
        private final BufferedReader in;
        private final OutputStream out;

        Conversation(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        void greeting(Protocol p) throws IOException {
            String line = p == Protocol.IMAP ? line() : smtpReply().getLast();
            if (p == Protocol.IMAP && !line.startsWith("* OK")) throw new IOException("unexpected IMAP greeting");
            if (p == Protocol.SMTP && !line.startsWith("220")) throw new IOException("unexpected SMTP greeting");
        }

        boolean startTls(Protocol p) throws IOException {
            if (p == Protocol.IMAP) {
                send("a1 STARTTLS");
                return tagged("a1").startsWith("a1 OK");
            }
            send("EHLO probe.vaultmail.invalid");
            if (!smtpReply().getLast().startsWith("250")) return false;
            send("STARTTLS");
            return smtpReply().getLast().startsWith("220");
        }

        List<String> capabilities(Protocol p) throws IOException {
            List<String> found = new ArrayList<>();
            if (p == Protocol.IMAP) {
                send("a2 CAPABILITY");
                for (int i = 0; i < MAX_LINES; i++) {
                    String line = line();
                    if (line.toUpperCase(Locale.ROOT).startsWith("* CAPABILITY ")) {
                        found.addAll(List.of(line.substring(13).strip().split(" +")));
                    } else if (line.startsWith("a2 ")) {
                        break;
                    }
                }
                return found;
            }
            send("EHLO probe.vaultmail.invalid");
            List<String> reply = smtpReply();
            if (!reply.getFirst().startsWith("250")) throw new IOException("EHLO refused");
            for (String line : reply.subList(1, reply.size())) found.add(line.substring(4).strip());
            return found;
        }

        void bye(Protocol p) throws IOException {
            send(p == Protocol.IMAP ? "a3 LOGOUT" : "QUIT");
        }

        private String tagged(String tag) throws IOException {
            for (int i = 0; i < MAX_LINES; i++) {
                String line = line();
                if (line.startsWith(tag + " ")) return line;
            }
            throw new IOException("no reply to " + tag);
        }

        private List<String> smtpReply() throws IOException {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < MAX_LINES; i++) {
                String line = line();
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) != '-') return lines;
            }
            throw new IOException("SMTP reply too long");
        }

        private String line() throws IOException {
            String line = in.readLine();
            if (line == null) throw new IOException("the server closed the connection");
            return line.length() > 1000 ? line.substring(0, 1000) : line;
        }

        private void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static final class Builder {
        final String domain;
        final Protocol protocol;
        final MailServers.Endpoint endpoint;
        @Nullable String tlsProtocol;
        @Nullable String cipher;
        @Nullable String subject;
        @Nullable String issuer;
        @Nullable Instant notAfter;
        List<String> capabilities = List.of();
        @Nullable String failureType;
        @Nullable String failure;
        boolean startTlsRefused;

        Builder(String domain, Protocol protocol, MailServers.Endpoint endpoint) {
            this.domain = domain;
            this.protocol = protocol;
            this.endpoint = endpoint;
        }

        Result build(long millis) {
            return new Result(domain, protocol, endpoint.toString(), tlsProtocol, cipher, subject, issuer, notAfter,
                    List.copyOf(capabilities), failureType, failure, startTlsRefused, millis);
        }
    }
}

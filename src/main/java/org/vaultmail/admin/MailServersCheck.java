package org.vaultmail.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.stereotype.Component;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.TrustStores;

/**
 * Each configured IMAP and SMTP server accepts a TCP connection within 3 s and, for {@code tls} and
 * {@code starttls}, completes a TLS handshake (with the domain's trust store if it has one). A server that is down is a warning,
 * not a failure: mail servers have their own maintenance windows.
 */
@Component
class MailServersCheck implements DoctorCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MailServerDirectory directory;

    MailServersCheck(MailServerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String topic() {
        return "Mail servers";
    }

    @Override
    public List<Finding> check() {
        List<MailServers> all = directory.all();
        if (all.isEmpty()) {
            return List.of(Finding.warn("no mail domains configured (vaultmail.domains): nobody can sign in"));
        }
        List<Finding> findings = new ArrayList<>();
        for (MailServers servers : all) {
            Optional<KeyStore> anchors = directory.trustAnchors(servers);
            findings.add(probe(servers.domain() + " IMAP", Protocol.IMAP, servers.imap(), anchors));
            findings.add(probe(servers.domain() + " SMTP", Protocol.SMTP, servers.smtp(), anchors));
        }
        return findings;
    }

    /** Which protocol speaks on the port (for STARTTLS). */
    enum Protocol { IMAP, SMTP }

    static Finding probe(String label, Protocol protocol, MailServers.Endpoint endpoint, Optional<KeyStore> trustStore) {
        String where = label + " " + endpoint;
        int timeout = (int) TIMEOUT.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeout);
            socket.setSoTimeout(timeout);
            if (endpoint.security() == Security.PLAIN) {
                return Finding.ok(where + ": reachable, unencrypted (loopback only)");
            }
            if (endpoint.security() == Security.STARTTLS && !startTls(protocol, socket)) {
                return Finding.warn(where + ": reachable, but the server refused STARTTLS");
            }
            return Finding.ok(where + ": reachable, " + handshake(socket, endpoint, trustStore));
        } catch (IOException | GeneralSecurityException e) {
            return Finding.warn(where + ": " + CommandLineInterface.describe(e));
        }
    }

    private static String handshake(Socket socket, MailServers.Endpoint endpoint, Optional<KeyStore> trustStore)
            throws IOException, GeneralSecurityException {
        try (SSLSocket tls = (SSLSocket) sslContext(trustStore).getSocketFactory()
                .createSocket(socket, endpoint.host(), endpoint.port(), false)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite();
        }
    }

    /** Asks the server to switch to TLS on this connection; true if it agreed. */
    private static boolean startTls(Protocol protocol, Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        if (protocol == Protocol.IMAP) {
            if (!String.valueOf(in.readLine()).startsWith("* OK")) return false;
            send(out, "a1 STARTTLS");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("a1 ")) return line.startsWith("a1 OK");
            }
            return false;
        }
        if (!smtpReply(in).startsWith("220")) return false;
        send(out, "EHLO doctor.vaultmail.invalid");
        if (!smtpReply(in).startsWith("250")) return false;
        send(out, "STARTTLS");
        return smtpReply(in).startsWith("220");
    }

    /** The last line of a (possibly multi-line) SMTP reply. */
    private static String smtpReply(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.length() < 4 || line.charAt(3) != '-') return line;
        }
        return "";
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static SSLContext sslContext(Optional<KeyStore> trustAnchors) throws GeneralSecurityException {
        return trustAnchors.isEmpty() ? SSLContext.getDefault() : TrustStores.sslContext(trustAnchors.get());
    }
}

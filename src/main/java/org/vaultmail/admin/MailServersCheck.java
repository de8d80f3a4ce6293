package org.vaultmail.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

/**
 * Each configured IMAP and SMTP server accepts a TCP connection within 3 s and, for {@code tls}, completes
 * a TLS handshake (with the domain's trust store if it has one). A server that is down is a warning,
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
            findings.add(probe(servers.domain() + " IMAP", servers.imap(), servers.trustStore()));
            findings.add(probe(servers.domain() + " SMTP", servers.smtp(), servers.trustStore()));
        }
        return findings;
    }

    static Finding probe(String label, MailServers.Endpoint endpoint, Optional<Path> trustStore) {
        String where = label + " " + endpoint;
        int timeout = (int) TIMEOUT.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeout);
            if (endpoint.security() != Security.TLS) {
                return Finding.ok(where + ": reachable" + (endpoint.security() == Security.STARTTLS
                        ? " (STARTTLS not probed)" : ", unencrypted (loopback only)"));
            }
            socket.setSoTimeout(timeout);
            try (SSLSocket tls = (SSLSocket) sslContext(trustStore).getSocketFactory()
                    .createSocket(socket, endpoint.host(), endpoint.port(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return Finding.ok(where + ": reachable, " + tls.getSession().getProtocol() + " "
                        + tls.getSession().getCipherSuite());
            }
        } catch (IOException | GeneralSecurityException e) {
            return Finding.warn(where + ": " + CommandLineInterface.describe(e));
        }
    }

    private static SSLContext sslContext(Optional<Path> trustStore) throws IOException, GeneralSecurityException {
        if (trustStore.isEmpty()) return SSLContext.getDefault();
        KeyStore store = KeyStore.getInstance(trustStore.get().toFile(), (char[]) null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
